package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
)

// Credentials are the long-term access keys of one sandbox principal.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	ARN             string // arn:aws:iam::ACCOUNT:root or arn:aws:iam::ACCOUNT:user/admin
}

// principal is an authenticated caller: the account's root user or the IAM user admin.
type principal struct {
	creds    Credentials
	isRoot   bool
	userName string   // IAM user name; "" for root
	userID   string   // GetCallerIdentity UserId: the account id for root, AIDA… for a user
	denied   []string // identity-policy Deny action patterns (admin only)
	account  string   // owning account id
	// anonymous marks an unsigned request: no identity, no account; only a
	// bucket policy's Allow for everyone lets it in (policy_check.go).
	anonymous bool
}

// anonymousPrincipal is the caller of every unsigned request.
var anonymousPrincipal = &principal{anonymous: true}

// adminUserID is the fixed unique id of the admin IAM user (AIDA + 17 characters, as AWS issues).
const adminUserID = "AIDAJQABLZS4A3QDU576Q"

// newPrincipals builds root and admin from the options.
func newPrincipals(o Options) (root, admin *principal) {
	root = &principal{
		creds: Credentials{
			AccessKeyID:     o.RootAccessKeyID,
			SecretAccessKey: o.RootSecretAccessKey,
			ARN:             "arn:aws:iam::" + o.AccountID + ":root",
		},
		isRoot:  true,
		userID:  o.AccountID,
		account: o.AccountID,
	}
	admin = &principal{
		creds: Credentials{
			AccessKeyID:     o.AdminAccessKeyID,
			SecretAccessKey: o.AdminSecretAccessKey,
			ARN:             "arn:aws:iam::" + o.AccountID + ":user/admin",
		},
		userID:   adminUserID,
		userName: "admin",
		denied:   o.AdminDeniedActions,
		account:  o.AccountID,
	}
	return root, admin
}

// canonicalUserID derives the account's 64-hex S3 canonical user id; AWS's is
// opaque, so any stable 64-hex value per account is faithful.
func canonicalUserID(account string) string {
	sum := sha256.Sum256([]byte("s3sec-sandbox canonical user " + account))
	return hex.EncodeToString(sum[:])
}
