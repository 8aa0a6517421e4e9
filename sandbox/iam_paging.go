package sandbox

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// page cuts a serial-ordered list at Marker and MaxItems; marker is the
// Marker of the next page, "" on the last one. Markers are opaque to clients
// (base64 of the last serial returned).
func (c *iamCall) page(devices []mfaDevice) (page []mfaDevice, marker string, perr *protocolError) {
	maxItems, perr := c.maxItemsParam()
	if perr != nil {
		return nil, "", perr
	}
	if m := c.form.Get("Marker"); m != "" {
		after, err := base64.RawURLEncoding.DecodeString(m)
		if err != nil {
			return nil, "", iamValidationError("marker", m, "Member must be a Marker returned by a previous call")
		}
		i := 0
		for i < len(devices) && devices[i].Serial <= string(after) {
			i++
		}
		devices = devices[i:]
	}
	if len(devices) > maxItems {
		return devices[:maxItems], base64.RawURLEncoding.EncodeToString([]byte(devices[maxItems-1].Serial)), nil
	}
	return devices, "", nil
}

// writePageEnd appends IsTruncated and, on a truncated page, Marker.
func writePageEnd(b *strings.Builder, marker string) {
	writeElement(b, "IsTruncated", strconv.FormatBool(marker != ""))
	if marker != "" {
		writeElement(b, "Marker", marker)
	}
}
