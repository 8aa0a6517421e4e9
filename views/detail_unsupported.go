package views

import (
	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// reasonUnsupported is why an action is disabled on an endpoint that lacks its setting.
const reasonUnsupported = "not supported by this endpoint"

// paneFacets is the setting each pane changes, by the pane's title.
var paneFacets = map[string]awsops.Facet{
	"Encryption": awsops.FacetEncryption, "CORS": awsops.FacetCORS, "Logging": awsops.FacetLogging,
	"Transit": awsops.FacetPolicy, "Versioning & MFA": awsops.FacetVersioning,
}

// disableUnsupported disables the active pane's actions, with the reason,
// when the endpoint answered that it does not implement the pane's setting:
// a change it cannot make must not be offered.
func (d *Detail) disableUnsupported(acts []ui.Action) []ui.Action {
	f, ok := paneFacets[d.panes[d.active].title()]
	if !ok {
		return acts
	}
	if s, known := d.store.get(d.bucket); known && s.Errors[f].Unsupported() {
		for i := range acts {
			acts[i] = acts[i].Unless(reasonUnsupported)
		}
	}
	return acts
}
