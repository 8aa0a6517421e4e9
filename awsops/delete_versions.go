package awsops

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// MaxDeleteObjects is the most keys S3 accepts in one DeleteObjects request.
const MaxDeleteObjects = 1000

// previewObjects is how many objects of a DeleteObjects batch the plan
// preview lists one by one; the CLI's delete.json has them all.
const previewObjects = 10

// ObjectVersionRef names one version or delete marker to delete permanently.
// IsDeleteMarker and IsLatest only shape the plan's warnings.
type ObjectVersionRef struct {
	Key            string
	VersionID      string // "null" for the version written while versioning was off or suspended
	IsDeleteMarker bool
	IsLatest       bool
}

// Ref returns the reference DeleteVersionsPlan takes for a listed version.
func (v ObjectVersion) Ref() ObjectVersionRef {
	return ObjectVersionRef{Key: v.Key, VersionID: v.VersionID, IsDeleteMarker: v.IsDeleteMarker, IsLatest: v.IsLatest}
}

// DeleteVersionsPlan permanently deletes versions and delete markers: one
// DeleteObject for a single version, otherwise one DeleteObjects call per
// MaxDeleteObjects versions. The calls carry x-amz-mfa when the bucket has
// MFA Delete enabled; since a code may be used only once, such a plan then
// covers only the first batch and says so.
func DeleteVersionsPlan(state BucketState, versions []ObjectVersionRef, serial string) Plan {
	v, known := versioningOf(state)
	mfaOn := v.MFADelete == MFADeleteEnabled
	refs := uniqueRefs(versions)
	p := Plan{Bucket: state.Name, Region: state.Region}
	for _, r := range refs {
		if r.Key == "" || r.VersionID == "" {
			reason := "every version to delete needs a key and a version id; a delete without a version id would only add a delete marker"
			p.Title = "Delete versions from " + state.Name
			p.Steps = []Step{refusedStep("Delete versions", "s3:DeleteObjects", reason)}
			p.Warnings = []string{reason}
			return p
		}
	}
	switch len(refs) {
	case 0:
		p.Title = "Delete versions from " + state.Name
		p.Warnings = []string{"No version is selected: there is nothing to delete."}
		return p
	case 1:
		r := refs[0]
		what := "version " + r.VersionID + " of " + r.Key
		if r.IsDeleteMarker {
			what = "the delete marker " + r.VersionID + " of " + r.Key
		}
		p.Title = "Permanently delete " + what
		p.Steps = []Step{deleteObjectStep(state, r, mfaOn, serial)}
	default:
		// Keys that XML 1.0 cannot carry cannot travel in a DeleteObjects
		// body (the SDK would send U+FFFD in their place and name another
		// key); each of them is deleted alone, its key in the URL.
		inXML, alone := splitXMLKeys(refs)
		batches := deleteBatches(inXML)
		total := len(batches) // file names and titles number the batches of the whole selection
		all := len(refs)
		if requests := len(batches) + len(alone); mfaOn && requests > 1 {
			if len(batches) > 0 {
				batches, alone, refs = batches[:1], nil, batches[0]
			} else {
				alone, refs = alone[:1], alone[:1]
			}
			p.Warnings = append(p.Warnings, fmt.Sprintf(
				"MFA Delete allows one request per code: this plan deletes the first %d of %d versions (request 1 of %d). Apply again with the next code for the rest.",
				len(refs), all, requests))
		}
		p.Title = fmt.Sprintf("Permanently delete %d versions from %s", len(refs), state.Name)
		for i, b := range batches {
			p.Steps = append(p.Steps, deleteObjectsStep(state, b, i, total, mfaOn, serial))
		}
		for _, r := range alone {
			p.Steps = append(p.Steps, deleteObjectStep(state, r, mfaOn, serial))
		}
	}
	p.Warnings = append(deleteWarnings(refs, mfaOn), p.Warnings...)
	if !known {
		p.Warnings = append(p.Warnings, warnVersioningUnread)
	}
	return p
}

// uniqueRefs drops repeated (key, version) pairs, keeping the first.
func uniqueRefs(in []ObjectVersionRef) []ObjectVersionRef {
	type id struct{ key, version string }
	seen := make(map[id]bool, len(in))
	out := make([]ObjectVersionRef, 0, len(in))
	for _, r := range in {
		k := id{r.Key, r.VersionID}
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// splitXMLKeys separates the refs whose keys XML 1.0 can carry from those
// it cannot (control characters other than tab, LF and CR; U+FFFE, U+FFFF;
// invalid UTF-8), keeping the order within each.
func splitXMLKeys(refs []ObjectVersionRef) (inXML, alone []ObjectVersionRef) {
	for _, r := range refs {
		if xmlSafe(r.Key) {
			inXML = append(inXML, r)
		} else {
			alone = append(alone, r)
		}
	}
	return inXML, alone
}

// xmlSafe reports whether every character of s is a Char of XML 1.0.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		ok := r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
		if !ok {
			return false
		}
	}
	return true
}

// deleteBatches splits refs into DeleteObjects requests of at most MaxDeleteObjects.
func deleteBatches(refs []ObjectVersionRef) [][]ObjectVersionRef {
	if len(refs) == 0 {
		return nil
	}
	var out [][]ObjectVersionRef
	for len(refs) > MaxDeleteObjects {
		out = append(out, refs[:MaxDeleteObjects:MaxDeleteObjects])
		refs = refs[MaxDeleteObjects:]
	}
	return append(out, refs)
}

// deleteWarnings says what the deletes do: data versions are gone for good,
// removing a current delete marker brings the key back.
func deleteWarnings(refs []ObjectVersionRef, mfaOn bool) []string {
	var data, currentData, currentMarkers, oldMarkers []string
	for _, r := range refs {
		switch {
		case !r.IsDeleteMarker:
			data = append(data, r.Key)
			if r.IsLatest {
				currentData = append(currentData, r.Key)
			}
		case r.IsLatest:
			currentMarkers = append(currentMarkers, r.Key)
		default:
			oldMarkers = append(oldMarkers, r.Key)
		}
	}
	var w []string
	if len(data) > 0 {
		w = append(w, fmt.Sprintf("Permanently deletes %d object version(s): this cannot be undone.", len(data)))
	}
	if len(currentData) > 0 {
		w = append(w, "Deleting the current version of "+keyList(currentData)+" makes the previous version current, or removes the key when no version is left.")
	}
	if len(currentMarkers) > 0 {
		w = append(w, "Removing the delete marker of "+keyList(currentMarkers)+" undeletes it: the newest remaining version becomes current again.")
	}
	if len(oldMarkers) > 0 {
		w = append(w, fmt.Sprintf("Removing %d non-current delete marker(s) changes no current object.", len(oldMarkers)))
	}
	if mfaOn {
		if len(refs) > 1 {
			w = append(w, "MFA Delete is on: the request needs a code from the root user's MFA device; one code covers the whole batch, and without a valid code nothing in it is deleted.")
		} else {
			w = append(w, "MFA Delete is on: the request needs a code from the root user's MFA device.")
		}
	}
	return w
}

// keyList names up to five keys, then counts the rest.
func keyList(keys []string) string {
	const shown = 5
	uniq := make([]string, 0, len(keys))
	seen := map[string]bool{}
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, k)
		}
	}
	if len(uniq) <= shown {
		return strings.Join(uniq, ", ")
	}
	return fmt.Sprintf("%s and %d more keys", strings.Join(uniq[:shown], ", "), len(uniq)-shown)
}

// deleteObjectStep permanently deletes one version with DeleteObject.
func deleteObjectStep(state BucketState, r ObjectVersionRef, mfaOn bool, serial string) Step {
	bucket, region := state.Name, state.Region
	params := []string{"Bucket=" + bucket, "Key=" + r.Key, "VersionId=" + r.VersionID}
	cli := "aws s3api delete-object " + cliOpt("bucket", bucket) + " " + cliOpt("key", r.Key) + " " + cliOpt("version-id", r.VersionID)
	if mfaOn {
		params = append(params, mfaParam(serial))
		cli += " " + mfaCLIFlag(serial)
	}
	title := "Delete version " + r.VersionID + " of " + r.Key
	if r.IsDeleteMarker {
		title = "Remove the delete marker of " + r.Key
	}
	return Step{
		Title: title, API: "s3:DeleteObject", Params: params, CLI: cli, NeedsMFA: mfaOn,
		run: func(ctx context.Context, s *Session, m MFA) error {
			in := &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(r.Key), VersionId: aws.String(r.VersionID)}
			if mfaOn {
				h, err := mfaHeader(s, m)
				if err != nil {
					return err
				}
				in.MFA = aws.String(h)
			}
			_, err := s.s3Client(region).DeleteObject(ctx, in)
			return mfaCallError("s3:DeleteObject", err, mfaOn)
		},
	}
}

// deleteObjectsStep deletes one batch with DeleteObjects. A 200 answer that
// lists per-key errors is a partial failure: the step fails with a
// *PartialDeleteError naming them.
func deleteObjectsStep(state BucketState, batch []ObjectVersionRef, index, total int, mfaOn bool, serial string) Step {
	bucket, region := state.Name, state.Region
	file := DeleteJSONFileName(index, total)
	params := []string{"Bucket=" + bucket, fmt.Sprintf("Delete.Objects=%d", len(batch)), "Delete.Quiet=false"}
	for i, r := range batch {
		if i == previewObjects {
			params = append(params, fmt.Sprintf("Object=… %d more (see %s)", len(batch)-previewObjects, file))
			break
		}
		params = append(params, "Object="+r.Key+" VersionId="+r.VersionID)
	}
	cli := "aws s3api delete-objects " + cliOpt("bucket", bucket) + " " + cliOpt("delete", "file://"+file)
	if mfaOn {
		params = append(params, mfaParam(serial))
		cli += " " + mfaCLIFlag(serial)
	}
	title := fmt.Sprintf("Delete %d versions", len(batch))
	if total > 1 {
		title = fmt.Sprintf("Delete %d versions (batch %d of %d)", len(batch), index+1, total)
	}
	objects := make([]types.ObjectIdentifier, len(batch))
	for i, r := range batch {
		objects[i] = types.ObjectIdentifier{Key: aws.String(r.Key), VersionId: aws.String(r.VersionID)}
	}
	return Step{
		Title: title, API: "s3:DeleteObjects", Params: params, CLI: cli, NeedsMFA: mfaOn,
		run: func(ctx context.Context, s *Session, m MFA) error {
			in := &s3.DeleteObjectsInput{
				Bucket: aws.String(bucket),
				Delete: &types.Delete{Objects: objects, Quiet: aws.Bool(false)},
			}
			if mfaOn {
				h, err := mfaHeader(s, m)
				if err != nil {
					return err
				}
				in.MFA = aws.String(h)
			}
			out, err := s.s3Client(region).DeleteObjects(ctx, in)
			if err != nil {
				return mfaCallError("s3:DeleteObjects", err, mfaOn)
			}
			if res := deleteResult(out); len(res.Failed) > 0 {
				return &PartialDeleteError{Bucket: bucket, Requested: len(batch), Result: res}
			}
			return nil
		},
	}
}
