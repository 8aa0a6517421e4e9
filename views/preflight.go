package views

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// preflighter is a backend that runs the MFA Delete checklist itself.
// Backends that wrap a session (tests hide the sandbox's port this way)
// implement it by calling awsops.MFAPreflight on their session.
type preflighter interface {
	MFAPreflight(ctx context.Context, state awsops.BucketState, id awsops.Identity) []awsops.Check
}

// runPreflight returns the MFA Delete checklist of a bucket. The session
// runs the full awsops checklist (which also inspects the credentials);
// any other backend gets the same checks from what the Backend interface
// can read, the credentials check passing for lack of a way to look.
func runPreflight(ctx context.Context, be Backend, state awsops.BucketState, id awsops.Identity) []awsops.Check {
	switch b := be.(type) {
	case *awsops.Session:
		return awsops.MFAPreflight(ctx, b, state, id)
	case preflighter:
		return b.MFAPreflight(ctx, state, id)
	}
	in := awsops.PreflightInput{Bucket: state.Name, Identity: id, Endpoint: be.Endpoint()}
	if id.ARN == "" {
		got, err := be.Identity(ctx)
		if err != nil {
			in.IdentityErr = errorOf(err).Error()
		}
		in.Identity = got
	}
	fresh := be.State(ctx, awsops.Bucket{Name: state.Name, Region: state.Region, CreationDate: state.CreationDate})
	in.Versioning, in.Lifecycle = fresh.Versioning, fresh.Lifecycle
	if fe := fresh.Errors[awsops.FacetVersioning]; fe != nil {
		in.Versioning, in.VersioningErr = state.Versioning, fe.Error()
	}
	if fe := fresh.Errors[awsops.FacetLifecycle]; fe != nil {
		in.Lifecycle, in.LifecycleErr = state.Lifecycle, fe.Error()
	}
	if ds, err := be.MFADevices(ctx); err != nil {
		in.DevicesErr = errorOf(err).Error()
	} else {
		in.Devices = ds
	}
	return awsops.EvaluatePreflight(in)
}

// checkItems converts checks for the toolkit's checklist.
func checkItems(cs []awsops.Check) []ui.CheckItem {
	out := make([]ui.CheckItem, len(cs))
	for i, c := range cs {
		out[i] = ui.CheckItem{Name: c.Name, OK: c.OK, Blocking: c.Blocking, Detail: c.Detail, Fix: c.Fix}
	}
	return out
}

// checksNamed keeps the checks with the given names, in their order.
func checksNamed(cs []awsops.Check, names ...string) []awsops.Check {
	var out []awsops.Check
	for _, c := range cs {
		for _, n := range names {
			if c.Name == n {
				out = append(out, c)
				break
			}
		}
	}
	return out
}
