package sandbox

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/s3sec/s3sec/otp"
)

// iamCall carries one verified IAM Query request through its action.
type iamCall struct {
	s      *Server
	p      *principal
	form   url.Values
	action string
}

// iamActions are the IAM actions the sandbox implements: the MFA device
// life cycle (8.2–8.4). Each returns the inner XML of its <ActionResult>
// element, or "" for actions whose response has none.
var iamActions = map[string]func(c *iamCall) (string, *protocolError){
	"CreateVirtualMFADevice": iamCreateVirtualMFADevice,
	"EnableMFADevice":        iamEnableMFADevice,
	"DeactivateMFADevice":    iamDeactivateMFADevice,
	"DeleteVirtualMFADevice": iamDeleteVirtualMFADevice,
	"ListMFADevices":         iamListMFADevices,
	"ListVirtualMFADevices":  iamListVirtualMFADevices,
}

// serveIAM answers an IAM Query request (Version 2010-05-08) whose signature
// has been verified; other actions are InvalidAction, as IAM says for unknown ones.
func (s *Server) serveIAM(w http.ResponseWriter, r *http.Request, p *principal, action, reqID string) {
	handler := iamActions[action]
	if handler == nil {
		writeQueryError(w, "iam", reqID, protocolError{http.StatusBadRequest, "InvalidAction",
			"Could not find operation " + action + " for version " + queryVersions["iam"]})
		return
	}
	result, perr := handler(&iamCall{s: s, p: p, form: r.Form, action: action})
	if perr != nil {
		writeQueryError(w, "iam", reqID, *perr)
		return
	}
	writeIAMResponse(w, action, result, reqID)
}

// allow applies the caller's identity policy to iam:<action> on resource;
// root may do everything, admin all but Options.AdminDeniedActions.
func (c *iamCall) allow(resource string) *protocolError {
	if e := c.s.identityAllows(c.p, "iam:"+c.action, resource); e != nil {
		return &protocolError{e.Status, e.Code, e.Message}
	}
	return nil
}

// userARN is the resource ARN of a user (root's is the account root ARN).
func userARN(p *principal) string { return p.creds.ARN }

// iamCreateVirtualMFADevice creates an unassigned device with a fresh seed
// and returns the seed and its QR code once (8.2).
func iamCreateVirtualMFADevice(c *iamCall) (string, *protocolError) {
	name, perr := c.stringParam("VirtualMFADeviceName", "virtualMFADeviceName", true, 1, 226, iamNamePattern)
	if perr != nil {
		return "", perr
	}
	path, perr := c.stringParam("Path", "path", false, 1, 512, iamPathPattern)
	if perr != nil {
		return "", perr
	}
	if path == "" {
		path = "/"
	}
	account := c.s.opts.AccountID
	if perr := c.allow(deviceSerial(account, path, name)); perr != nil {
		return "", perr
	}
	seed, err := otp.NewSeed()
	if err != nil {
		return "", &protocolError{http.StatusInternalServerError, "ServiceFailure", err.Error()}
	}
	// The QR code names the account, as the device is not assigned to a user yet (8.2).
	png, err := qrPNG(otp.URI(name, account, seed))
	if err != nil {
		return "", &protocolError{http.StatusInternalServerError, "ServiceFailure", err.Error()}
	}
	d, perr := c.s.iam.create(account, name, path, seed, c.s.opts.Clock())
	if perr != nil {
		return "", perr
	}
	var b strings.Builder
	b.WriteString("<VirtualMFADevice>")
	writeElement(&b, "SerialNumber", d.Serial)
	writeElement(&b, "Base32StringSeed", base64.StdEncoding.EncodeToString([]byte(seed)))
	writeElement(&b, "QRCodePNG", base64.StdEncoding.EncodeToString(png))
	b.WriteString("</VirtualMFADevice>")
	return b.String(), nil
}

// qrPNGSizes are the image sizes tried in turn: the first fits every URI of
// a short device name; long names need more modules.
var qrPNGSizes = []int{300, 600, 1200}

// qrPNG renders the enrollment URI as a PNG QR code.
func qrPNG(uri string) ([]byte, error) {
	var err error
	for _, size := range qrPNGSizes {
		var png []byte
		if png, err = otp.QRPNG(uri, size); err == nil {
			return png, nil
		}
	}
	return nil, err
}

// iamEnableMFADevice assigns a device to a user after two consecutive codes (8.3).
func iamEnableMFADevice(c *iamCall) (string, *protocolError) {
	user, perr := c.userParam()
	if perr != nil {
		return "", perr
	}
	serial, perr := c.serialParam()
	if perr != nil {
		return "", perr
	}
	code1, perr := c.codeParam("AuthenticationCode1", "authenticationCode1")
	if perr != nil {
		return "", perr
	}
	code2, perr := c.codeParam("AuthenticationCode2", "authenticationCode2")
	if perr != nil {
		return "", perr
	}
	if perr := c.allow(userARN(user)); perr != nil {
		return "", perr
	}
	return "", c.s.iam.enable(serial, user, code1, code2, c.s.opts.Clock())
}

// iamDeactivateMFADevice unassigns a device from a user (UserName optional).
func iamDeactivateMFADevice(c *iamCall) (string, *protocolError) {
	user, perr := c.userParam()
	if perr != nil {
		return "", perr
	}
	serial, perr := c.serialParam()
	if perr != nil {
		return "", perr
	}
	if perr := c.allow(userARN(user)); perr != nil {
		return "", perr
	}
	return "", c.s.iam.deactivate(serial, user, c.s.iamUserName(user))
}

// iamDeleteVirtualMFADevice deletes an unassigned device.
func iamDeleteVirtualMFADevice(c *iamCall) (string, *protocolError) {
	serial, perr := c.serialParam()
	if perr != nil {
		return "", perr
	}
	if perr := c.allow(serial); perr != nil {
		return "", perr
	}
	return "", c.s.iam.remove(serial)
}

// iamListMFADevices lists the devices enabled for a user (8.4): the caller's
// when UserName is omitted, root's for root.
func iamListMFADevices(c *iamCall) (string, *protocolError) {
	user, perr := c.userParam()
	if perr != nil {
		return "", perr
	}
	if perr := c.allow(userARN(user)); perr != nil {
		return "", perr
	}
	devices := c.s.iam.list(func(d *mfaDevice) bool { return d.Owner == user })
	page, marker, perr := c.page(devices)
	if perr != nil {
		return "", perr
	}
	var b strings.Builder
	b.WriteString("<MFADevices>")
	for _, d := range page {
		b.WriteString("<member>")
		writeElement(&b, "UserName", c.s.iamUserName(user))
		writeElement(&b, "SerialNumber", d.Serial)
		writeElement(&b, "EnableDate", iamTime(d.Enabled))
		b.WriteString("</member>")
	}
	b.WriteString("</MFADevices>")
	writePageEnd(&b, marker)
	return b.String(), nil
}

// assignmentFilters are ListVirtualMFADevices' AssignmentStatus values.
var assignmentFilters = map[string]func(d *mfaDevice) bool{
	"Any":        func(*mfaDevice) bool { return true },
	"Assigned":   func(d *mfaDevice) bool { return d.Owner != nil },
	"Unassigned": func(d *mfaDevice) bool { return d.Owner == nil },
}

// iamListVirtualMFADevices lists the account's virtual devices (8.4); seeds
// and QR codes are never shown again after creation.
func iamListVirtualMFADevices(c *iamCall) (string, *protocolError) {
	status := c.form.Get("AssignmentStatus")
	if status == "" {
		status = "Any"
	}
	keep := assignmentFilters[status]
	if keep == nil {
		return "", iamValidationError("assignmentStatus", status, "Member must satisfy enum value set: [Any, Assigned, Unassigned]")
	}
	if perr := c.allow("*"); perr != nil {
		return "", perr
	}
	page, marker, perr := c.page(c.s.iam.list(keep))
	if perr != nil {
		return "", perr
	}
	var b strings.Builder
	b.WriteString("<VirtualMFADevices>")
	for _, d := range page {
		b.WriteString("<member>")
		writeElement(&b, "SerialNumber", d.Serial)
		if d.Owner != nil {
			c.s.writeIAMUser(&b, d.Owner)
			writeElement(&b, "EnableDate", iamTime(d.Enabled))
		}
		b.WriteString("</member>")
	}
	b.WriteString("</VirtualMFADevices>")
	writePageEnd(&b, marker)
	return b.String(), nil
}
