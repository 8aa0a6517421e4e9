package sandbox

import (
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// Parameter constraints of the IAM model (iam/2010-05-08 service-2.json).
var (
	iamNamePattern   = regexp.MustCompile(`^[\w+=,.@-]+$`)
	iamPathPattern   = regexp.MustCompile(`^(/|/[\x21-\x7E]+/)$`)
	iamSerialPattern = regexp.MustCompile(`^[\w+=/:,.@-]+$`)
	iamCodePattern   = regexp.MustCompile(`^[\d]+$`)
)

// iamUserCreateDate is the fixed CreateDate reported for the sandbox's
// users (root and admin), which exist from the start.
var iamUserCreateDate = time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)

// stringParam reads a string parameter within [min, max] characters matching
// pattern (nil: any); absent is "" unless required. param is the model
// member's camelCase name, as AWS quotes it in ValidationError.
func (c *iamCall) stringParam(name, param string, required bool, min, max int, pattern *regexp.Regexp) (string, *protocolError) {
	s := c.form.Get(name)
	if s == "" {
		if required {
			return "", iamValidationError(param, "", "Member must not be null")
		}
		return "", nil
	}
	switch n := utf8.RuneCountInString(s); {
	case n < min:
		return "", iamValidationError(param, s, "Member must have length greater than or equal to "+strconv.Itoa(min))
	case n > max:
		return "", iamValidationError(param, s, "Member must have length less than or equal to "+strconv.Itoa(max))
	case pattern != nil && !pattern.MatchString(s):
		return "", iamValidationError(param, s, "Member must satisfy regular expression pattern: "+pattern.String()[1:len(pattern.String())-1])
	}
	return s, nil
}

// serialParam reads a required SerialNumber.
func (c *iamCall) serialParam() (string, *protocolError) {
	return c.stringParam("SerialNumber", "serialNumber", true, 9, 256, iamSerialPattern)
}

// codeParam reads a required six-digit AuthenticationCodeN.
func (c *iamCall) codeParam(name, param string) (string, *protocolError) {
	return c.stringParam(name, param, true, 6, 6, iamCodePattern)
}

// maxItemsParam reads MaxItems (1–1000, default 100).
func (c *iamCall) maxItemsParam() (int, *protocolError) {
	v := c.form.Get("MaxItems")
	if v == "" {
		return 100, nil
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		return 0, iamValidationError("maxItems", v, "Member must be an integer")
	case n < 1:
		return 0, iamValidationError("maxItems", v, "Member must have value greater than or equal to 1")
	case n > 1000:
		return 0, iamValidationError("maxItems", v, "Member must have value less than or equal to 1000")
	}
	return n, nil
}

// userParam resolves UserName: omitted means the caller; the account id means
// the root user (how root names itself is UNVERIFIED, 8.3), which only root
// may manage; "admin" is the IAM user admin. Anyone else does not exist.
func (c *iamCall) userParam() (*principal, *protocolError) {
	name, perr := c.stringParam("UserName", "userName", false, 1, 128, iamNamePattern)
	if perr != nil {
		return nil, perr
	}
	switch name {
	case "":
		return c.p, nil
	case c.s.opts.AccountID:
		if !c.p.isRoot {
			return nil, iamAccessDenied(c.p, "iam:"+c.action, c.s.root.creds.ARN)
		}
		return c.s.root, nil
	case c.s.admin.userName:
		return c.s.admin, nil
	}
	return nil, iamNoSuchUser(name)
}

// iamUserName is how IAM lists p as a device's user: the user name, or the
// account id for root (UNVERIFIED).
func (s *Server) iamUserName(p *principal) string {
	if p.isRoot {
		return s.opts.AccountID
	}
	return p.userName
}
