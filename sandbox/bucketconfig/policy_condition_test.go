package bucketconfig

import "testing"

func TestPolicyConditionOperatorsAndValues(t *testing.T) {
	withCondition := func(cond string) []byte {
		return []byte(stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":` + cond))
	}
	accepted := []string{
		`{"ForAnyValue:StringLike":{"s3:RequestObjectTagKeys":["a*","b"]}}`,
		`{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}`,
		`{"NumericLessThanEquals":{"s3:max-keys":10}}`,
		`{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`,
		`{"Null":{"s3:x-amz-server-side-encryption":true}}`,
		`{"IpAddress":{"aws:SourceIp":"192.0.2.1"}}`,
		`{"NotIpAddress":{"aws:SourceIp":["2001:db8::1","10.0.0.0/8"]}}`,
		`{"StringEquals":{"s3:ExistingObjectTag/classification":"public"}}`,
		`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`,
	}
	for _, c := range accepted {
		_, _, err := NormalisePolicy(withCondition(c), "demo")
		checkErr(t, err, nil)
	}
	refused := []struct {
		cond string
		want *wantErr
	}{
		{`{"NullIfExists":{"s3:prefix":"true"}}`, mp("Invalid Condition type : NullIfExists")},
		{`{"ForSomeValues:StringEquals":{"aws:TagKeys":"a"}}`, mp("Invalid Condition type : ForSomeValues:StringEquals")},
		{`{"IpAddress":{"aws:SourceIp":"not-an-ip"}}`, mp("Invalid IP address in Conditions")},
		{`{"StringEquals":{"s3:ExistingObjectTag/":"x"}}`, mp("Policy has an invalid condition key")},
		{`{"StringEquals":{"aws:":"x"}}`, mp("Policy has an invalid condition key")},
		{`{"StringEquals":{"aws:SourceAccount":{"nested":"object"}}}`, mp("This policy contains invalid Json")},
		{`{"StringEquals":{"aws:SourceAccount":[["nested"]]}}`, mp("This policy contains invalid Json")},
		{`{"StringEquals":"aws:SourceAccount"}`, mp("This policy contains invalid Json")},
	}
	for _, r := range refused {
		_, _, err := NormalisePolicy(withCondition(r.cond), "demo")
		checkErr(t, err, r.want)
	}
}

func TestConditionOperatorSplitsPrefixAndSuffix(t *testing.T) {
	set, base, ifExists, ok := conditionOperator("ForAnyValue:StringLikeIfExists")
	if set != "foranyvalue:" || base != "stringlike" || !ifExists || !ok {
		t.Fatalf("got %q %q %v %v", set, base, ifExists, ok)
	}
	if _, base, ifExists, ok := conditionOperator("Null"); base != "null" || ifExists || !ok {
		t.Fatalf("Null: %q %v %v", base, ifExists, ok)
	}
}
