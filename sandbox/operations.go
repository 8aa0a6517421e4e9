package sandbox

// The operations the sandbox implements, each with the IAM action that
// authorises it (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
var (
	opListBuckets = &operation{Name: "ListBuckets", Action: "s3:ListAllMyBuckets", AnyScope: true, Handler: handleListBuckets}

	opCreateBucket       = &operation{Name: "CreateBucket", Action: "s3:CreateBucket", Bucket: true, AnyScope: true, Handler: handleCreateBucket}
	opDeleteBucket       = &operation{Name: "DeleteBucket", Action: "s3:DeleteBucket", Bucket: true, Handler: handleDeleteBucket}
	opHeadBucket         = &operation{Name: "HeadBucket", Action: "s3:ListBucket", Bucket: true, Handler: handleHeadBucket}
	opGetBucketLocation  = &operation{Name: "GetBucketLocation", Action: "s3:GetBucketLocation", Bucket: true, AnyScope: true, Handler: handleGetBucketLocation}
	opListObjects        = &operation{Name: "ListObjects", Action: "s3:ListBucket", Bucket: true, Handler: handleListObjects}
	opListObjectsV2      = &operation{Name: "ListObjectsV2", Action: "s3:ListBucket", Bucket: true, Handler: handleListObjectsV2}
	opListObjectVersions = &operation{Name: "ListObjectVersions", Action: "s3:ListBucketVersions", Bucket: true, Handler: handleListObjectVersions}
	opDeleteObjects      = &operation{Name: "DeleteObjects", Bucket: true, Handler: handleDeleteObjects} // authorised key by key

	opGetBucketVersioning = &operation{Name: "GetBucketVersioning", Action: "s3:GetBucketVersioning", Bucket: true, Handler: handleGetBucketVersioning}
	opPutBucketVersioning = &operation{Name: "PutBucketVersioning", Action: "s3:PutBucketVersioning", Bucket: true, Handler: handlePutBucketVersioning}

	opGetBucketEncryption    = &operation{Name: "GetBucketEncryption", Action: "s3:GetEncryptionConfiguration", Bucket: true, Handler: handleGetBucketEncryption}
	opPutBucketEncryption    = &operation{Name: "PutBucketEncryption", Action: "s3:PutEncryptionConfiguration", Bucket: true, Handler: handlePutBucketEncryption}
	opDeleteBucketEncryption = &operation{Name: "DeleteBucketEncryption", Action: "s3:PutEncryptionConfiguration", Bucket: true, Handler: handleDeleteBucketEncryption}

	opGetBucketCors    = &operation{Name: "GetBucketCors", Action: "s3:GetBucketCORS", Bucket: true, Handler: handleGetBucketCors}
	opPutBucketCors    = &operation{Name: "PutBucketCors", Action: "s3:PutBucketCORS", Bucket: true, Handler: handlePutBucketCors}
	opDeleteBucketCors = &operation{Name: "DeleteBucketCors", Action: "s3:PutBucketCORS", Bucket: true, Handler: handleDeleteBucketCors}

	opGetBucketLogging = &operation{Name: "GetBucketLogging", Action: "s3:GetBucketLogging", Bucket: true, Handler: handleGetBucketLogging}
	opPutBucketLogging = &operation{Name: "PutBucketLogging", Action: "s3:PutBucketLogging", Bucket: true, Handler: handlePutBucketLogging}

	opGetBucketPolicy    = &operation{Name: "GetBucketPolicy", Action: "s3:GetBucketPolicy", Bucket: true, Handler: handleGetBucketPolicy}
	opPutBucketPolicy    = &operation{Name: "PutBucketPolicy", Action: "s3:PutBucketPolicy", Bucket: true, Handler: handlePutBucketPolicy}
	opDeleteBucketPolicy = &operation{Name: "DeleteBucketPolicy", Action: "s3:DeleteBucketPolicy", Bucket: true, Handler: handleDeleteBucketPolicy}
	opGetPolicyStatus    = &operation{Name: "GetBucketPolicyStatus", Action: "s3:GetBucketPolicyStatus", Bucket: true, Handler: handleGetBucketPolicyStatus}

	opGetOwnershipControls    = &operation{Name: "GetBucketOwnershipControls", Action: "s3:GetBucketOwnershipControls", Bucket: true, Handler: handleGetBucketOwnershipControls}
	opPutOwnershipControls    = &operation{Name: "PutBucketOwnershipControls", Action: "s3:PutBucketOwnershipControls", Bucket: true, Handler: handlePutBucketOwnershipControls}
	opDeleteOwnershipControls = &operation{Name: "DeleteBucketOwnershipControls", Action: "s3:PutBucketOwnershipControls", Bucket: true, Handler: handleDeleteBucketOwnershipControls}

	opGetBucketAcl = &operation{Name: "GetBucketAcl", Action: "s3:GetBucketAcl", Bucket: true, Handler: handleGetBucketAcl}
	opPutBucketAcl = &operation{Name: "PutBucketAcl", Action: "s3:PutBucketAcl", Bucket: true, Handler: handlePutBucketAcl}
	opGetObjectAcl = &operation{Name: "GetObjectAcl", Action: "s3:GetObjectAcl", Bucket: true, Object: true, Handler: handleGetObjectAcl}
	opPutObjectAcl = &operation{Name: "PutObjectAcl", Action: "s3:PutObjectAcl", Bucket: true, Object: true, Handler: handlePutObjectAcl}

	opGetPublicAccessBlock    = &operation{Name: "GetPublicAccessBlock", Action: "s3:GetBucketPublicAccessBlock", Bucket: true, Handler: handleGetPublicAccessBlock}
	opPutPublicAccessBlock    = &operation{Name: "PutPublicAccessBlock", Action: "s3:PutBucketPublicAccessBlock", Bucket: true, Handler: handlePutPublicAccessBlock}
	opDeletePublicAccessBlock = &operation{Name: "DeletePublicAccessBlock", Action: "s3:PutBucketPublicAccessBlock", Bucket: true, Handler: handleDeletePublicAccessBlock}

	opGetBucketLifecycle    = &operation{Name: "GetBucketLifecycleConfiguration", Action: "s3:GetLifecycleConfiguration", Bucket: true, Handler: handleGetBucketLifecycle}
	opPutBucketLifecycle    = &operation{Name: "PutBucketLifecycleConfiguration", Action: "s3:PutLifecycleConfiguration", Bucket: true, Handler: handlePutBucketLifecycle}
	opDeleteBucketLifecycle = &operation{Name: "DeleteBucketLifecycle", Action: "s3:PutLifecycleConfiguration", Bucket: true, Handler: handleDeleteBucketLifecycle}

	opGetObject    = &operation{Name: "GetObject", Action: "s3:GetObject", Bucket: true, Object: true, Handler: handleGetObject}
	opHeadObject   = &operation{Name: "HeadObject", Action: "s3:GetObject", Bucket: true, Object: true, Handler: handleHeadObject}
	opPutObject    = &operation{Name: "PutObject", Action: "s3:PutObject", Bucket: true, Object: true, Handler: handlePutObject}
	opDeleteObject = &operation{Name: "DeleteObject", Action: "s3:DeleteObject", Bucket: true, Object: true, Handler: handleDeleteObject}
)

// versionedActions are the actions S3 authorises instead when the request names a versionId.
var versionedActions = map[string]string{
	"s3:GetObject":    "s3:GetObjectVersion",
	"s3:DeleteObject": "s3:DeleteObjectVersion",
}

// policyOps are the bucket-policy operations the account root may always call
// (lock-out protection, 6.1).
var policyOps = map[*operation]bool{
	opGetBucketPolicy: true, opPutBucketPolicy: true, opDeleteBucketPolicy: true,
}
