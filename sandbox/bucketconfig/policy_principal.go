package bucketconfig

import "regexp"

// msgInvalidPrincipal is S3's answer for any principal it cannot accept.
const msgInvalidPrincipal = "Invalid principal in policy"

// Shapes of principal values by principal type. S3 also checks that named
// IAM principals exist; the sandbox can only check their shape.
var (
	accountIDPattern    = regexp.MustCompile(`^[0-9]{12}$`)
	awsPrincipalPattern = regexp.MustCompile(`^(` +
		`arn:aws:iam::[0-9]{12}:root` +
		`|arn:aws:iam::[0-9]{12}:(user|role)/[\w+=,.@/-]+` +
		`|arn:aws:sts::[0-9]{12}:(assumed-role|federated-user)/[\w+=,.@/-]+` +
		`|arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity [A-Z0-9]+` +
		`|(AIDA|AROA)[A-Z0-9]{16,}` +
		`)$`)
	servicePrincipalPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$`)
	canonicalUserPattern      = regexp.MustCompile(`^[0-9a-f]{64}$`)
	federatedPrincipalPattern = regexp.MustCompile(`^(cognito-identity\.amazonaws\.com|www\.amazon\.com|graph\.facebook\.com|accounts\.google\.com|appleid\.apple\.com` +
		`|arn:aws:iam::[0-9]{12}:(saml-provider|oidc-provider)/[\w+=,.@/:-]+)$`)
)

// principalPatterns validates each principal type a bucket policy may name.
var principalPatterns = map[string]*regexp.Regexp{
	"AWS":           awsPrincipalPattern,
	"Service":       servicePrincipalPattern,
	"CanonicalUser": canonicalUserPattern,
	"Federated":     federatedPrincipalPattern,
}

// normalisePrincipal validates a Principal or NotPrincipal value and returns
// it as S3 stores it: a bare account id becomes the account's root ARN.
// everyone reports whether it names all principals ("*" or {"AWS":"*"}).
func normalisePrincipal(v *jsonValue) (out *jsonValue, everyone bool, ok bool) {
	if v.kind == jsonString {
		return v, v.str == "*", v.str == "*"
	}
	if v.kind != jsonObject || len(v.members) == 0 {
		return nil, false, false
	}
	out = &jsonValue{kind: jsonObject}
	for _, m := range v.members {
		pattern, known := principalPatterns[m.key]
		values, isList := m.value.stringList()
		if !known || !isList {
			return nil, false, false
		}
		normalised := make([]string, len(values))
		for i, p := range values {
			switch {
			case m.key == "AWS" && p == "*":
				everyone = true
			case m.key == "AWS" && accountIDPattern.MatchString(p):
				p = "arn:aws:iam::" + p + ":root"
			case !pattern.MatchString(p):
				return nil, false, false
			}
			normalised[i] = p
		}
		out.members = append(out.members, jsonMember{m.key, sameShape(m.value, normalised)})
	}
	return out, everyone, true
}

// sameShape rebuilds a string-or-array value with new strings, keeping a
// single string single and an array an array, as S3 echoes them.
func sameShape(orig *jsonValue, values []string) *jsonValue {
	if orig.kind == jsonString {
		return &jsonValue{kind: jsonString, str: values[0]}
	}
	out := &jsonValue{kind: jsonArray}
	for _, s := range values {
		out.items = append(out.items, &jsonValue{kind: jsonString, str: s})
	}
	return out
}
