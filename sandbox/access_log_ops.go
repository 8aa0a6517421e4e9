package sandbox

import "net/http"

// resourceTokens are the resource parts of the Operation field
// (REST.<METHOD>.<RESOURCE>) as they appear in real logs (S3-BEHAVIOR 4.4);
// the ones real logs were not seen with follow the same pattern (unverified).
var resourceTokens = map[*operation]string{
	opCreateBucket: "BUCKET", opDeleteBucket: "BUCKET", opHeadBucket: "BUCKET",
	opGetBucketLocation: "LOCATION", opListObjects: "BUCKET", opListObjectsV2: "BUCKET",
	opListObjectVersions: "BUCKETVERSIONS", opDeleteObjects: "MULTI_OBJECT_DELETE",
	opGetBucketVersioning: "VERSIONING", opPutBucketVersioning: "VERSIONING",
	opGetBucketEncryption: "ENCRYPTION", opPutBucketEncryption: "ENCRYPTION", opDeleteBucketEncryption: "ENCRYPTION",
	opGetBucketCors: "CORS", opPutBucketCors: "CORS", opDeleteBucketCors: "CORS",
	opGetBucketLogging: "LOGGING_STATUS", opPutBucketLogging: "LOGGING_STATUS",
	opGetBucketPolicy: "BUCKETPOLICY", opPutBucketPolicy: "BUCKETPOLICY", opDeleteBucketPolicy: "BUCKETPOLICY",
	opGetPolicyStatus: "POLICY_STATUS", opGetOwnershipControls: "OWNERSHIP_CONTROLS",
	opPutOwnershipControls: "OWNERSHIP_CONTROLS", opDeleteOwnershipControls: "OWNERSHIP_CONTROLS",
	opGetBucketAcl: "ACL", opPutBucketAcl: "ACL", opGetObjectAcl: "ACL", opPutObjectAcl: "ACL",
	opGetPublicAccessBlock: "PUBLIC_ACCESS_BLOCK", opPutPublicAccessBlock: "PUBLIC_ACCESS_BLOCK",
	opDeletePublicAccessBlock: "PUBLIC_ACCESS_BLOCK",
	opGetBucketLifecycle:      "LIFECYCLE", opPutBucketLifecycle: "LIFECYCLE", opDeleteBucketLifecycle: "LIFECYCLE",
	opListMultipartUploads: "UPLOADS",
	opGetObject:            "OBJECT", opHeadObject: "OBJECT", opPutObject: "OBJECT", opDeleteObject: "OBJECT",
	opCreateMultipartUpload: "UPLOADS", opUploadPart: "PART", opCompleteMultipartUpload: "UPLOAD",
	opAbortMultipartUpload: "UPLOAD", opListParts: "UPLOAD",
}

// operationName is the Operation field of a request; a request that could
// not be routed is named after its method and whether it named a key.
func operationName(method string, op *operation, key string) string {
	if op == opCopyObject {
		return "REST.COPY.OBJECT"
	}
	if tok, ok := resourceTokens[op]; ok {
		return "REST." + method + "." + tok
	}
	if method == http.MethodOptions {
		return "REST.OPTIONS.PREFLIGHT" // of a bucket or of an object (S3-BEHAVIOR 4.4)
	}
	if key != "" {
		return "REST." + method + ".OBJECT"
	}
	return "REST." + method + ".BUCKET"
}
