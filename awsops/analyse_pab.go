package awsops

import (
	"fmt"
	"strings"
)

// publicAccessFindings: Block Public Access not fully on at bucket level
// (public-access-block-off), and a public bucket policy that takes effect
// because RestrictPublicBuckets is off (policy-public), naming the
// statements that make it public. Both remedies are the put-public-access-block
// call the console applies as PutPublicAccessBlockPlan.
func publicAccessFindings(st *BucketState) []Finding {
	p := st.PublicAccessBlock
	if p == nil || p.AllOn() {
		return nil
	}
	remedy := "aws s3api put-public-access-block --bucket " + shellArg(st.Name) + " --public-access-block-configuration " +
		"BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
	msg := fmt.Sprintf("%s has no bucket-level Block Public Access: a public policy or ACL would take effect unless the account blocks it", st.Name)
	if p.Configured {
		msg = fmt.Sprintf("%s's Block Public Access is only partly on (off: %s)", st.Name, strings.Join(pabOff(*p), ", "))
	}
	out := []Finding{{ID: "public-access-block-off", Severity: SeverityMedium, Bucket: st.Name, Message: msg, Remedy: remedy}}
	if st.Policy == nil || !st.Policy.Present || p.RestrictPublicBuckets {
		return out
	}
	public := PublicStatements(st.Policy.JSON)
	if len(public) == 0 {
		return out
	}
	var parts []string
	for _, s := range public {
		parts = append(parts, s.Name+" grants "+s.Actions+": it "+s.Why)
	}
	return append(out, Finding{
		ID: "policy-public", Severity: SeverityHigh, Bucket: st.Name,
		Message: fmt.Sprintf("%s's bucket policy is public and RestrictPublicBuckets is off, so it takes effect: %s. "+
			"Turn Block Public Access on (below), or remove the statement if the bucket is not meant to be public",
			st.Name, strings.Join(parts, "; ")),
		Remedy: remedy,
	})
}
