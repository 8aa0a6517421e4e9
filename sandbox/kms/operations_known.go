package kms

// knownOperations are all operations of the real KMS API (aws-sdk-go-v2
// service/kms v1.62): those the sandbox lacks answer
// UnsupportedOperationException, any other target UnknownOperationException.
var knownOperations = setOf(
	"CancelKeyDeletion", "ConnectCustomKeyStore", "CreateAlias", "CreateCustomKeyStore",
	"CreateGrant", "CreateKey", "Decapsulate", "Decrypt", "DeleteAlias", "DeleteCustomKeyStore",
	"DeleteImportedKeyMaterial", "DeriveSharedSecret", "DescribeCustomKeyStores", "DescribeKey",
	"DisableKey", "DisableKeyRotation", "DisconnectCustomKeyStore", "EnableKey",
	"EnableKeyRotation", "Encapsulate", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair",
	"GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", "GenerateMac",
	"GenerateRandom", "GetKeyLastUsage", "GetKeyPolicy", "GetKeyRotationStatus",
	"GetParametersForImport", "GetPublicKey", "ImportKeyMaterial", "ListAliases", "ListGrants",
	"ListKeyPolicies", "ListKeyRotations", "ListKeys", "ListResourceTags", "ListRetirableGrants",
	"PutKeyPolicy", "ReEncrypt", "ReplicateKey", "RetireGrant", "RevokeGrant",
	"RotateKeyOnDemand", "ScheduleKeyDeletion", "Sign", "TagResource", "UntagResource",
	"UpdateAlias", "UpdateCustomKeyStore", "UpdateKeyDescription", "UpdatePrimaryRegion",
	"Verify", "VerifyMac",
)

// setOf builds a membership set.
func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
