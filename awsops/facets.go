package awsops

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// Error codes that mean "not configured" rather than failure.
const (
	codeNoEncryption = "ServerSideEncryptionConfigurationNotFoundError"
	codeNoCORS       = "NoSuchCORSConfiguration"
	codeNoPolicy     = "NoSuchBucketPolicy"
	codeNoPAB        = "NoSuchPublicAccessBlockConfiguration"
	codeNoLifecycle  = "NoSuchLifecycleConfiguration"
	codeNoOwnership  = "OwnershipControlsNotFoundError"
)

// facetReader reads one facet of one bucket with a client signed for the
// bucket's region. The value's type is the one FacetUpdate documents.
type facetReader func(s *Session, ctx context.Context, c *s3.Client, bucket string) (any, error)

// facetReaders holds a reader for every facet but the region, which is read
// first (see readRegion) because it chooses the client of the others.
var facetReaders = map[Facet]facetReader{
	FacetEncryption:        readEncryption,
	FacetVersioning:        readVersioning,
	FacetLogging:           readLogging,
	FacetCORS:              readCORS,
	FacetPolicy:            readPolicy,
	FacetPublicAccessBlock: readPublicAccessBlock,
	FacetLifecycle:         readLifecycle,
	FacetOwnership:         readOwnership,
}

// hasCode reports whether err is an AWS error with that code.
func hasCode(err error, code string) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == code
}

// NormalizeRegion turns a LocationConstraint into a region name: empty
// means us-east-1 and the legacy "EU" means eu-west-1.
func NormalizeRegion(location string) string {
	switch location {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	}
	return location
}

// readRegion asks GetBucketLocation with the session's default client. When
// that fails (s3:GetBucketLocation denied, for one) it falls back to the
// x-amz-bucket-region header, which S3 sends on HeadBucket answers, even
// the refusals and redirects; the GetBucketLocation error is returned when
// that does not help either.
func (s *Session) readRegion(ctx context.Context, bucket string) (string, error) {
	c := s.s3Client("")
	out, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
	if err == nil {
		return NormalizeRegion(string(out.LocationConstraint)), nil
	}
	if r := regionHeader(err); r != "" {
		return r, nil
	}
	if ctx.Err() != nil || IsNotImplemented(err) || IsTimeout(err) {
		return "", err
	}
	head, herr := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	if herr == nil && aws.ToString(head.BucketRegion) != "" {
		return aws.ToString(head.BucketRegion), nil
	}
	if r := regionHeader(herr); r != "" {
		return r, nil
	}
	return "", err
}

// regionHeader returns the x-amz-bucket-region header of the answer behind err, if any.
func regionHeader(err error) string {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.Header.Get("X-Amz-Bucket-Region")
	}
	return ""
}

// readEncryption reads the first default-encryption rule. Since 2023 every
// bucket has one; an endpoint answering the old 404 (moto does) is recorded
// as the SSE-S3 default, and the session keeps a note (ImplicitEncryption).
func readEncryption(s *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)})
	if hasCode(err, codeNoEncryption) {
		s.noteEncryption(bucket, true)
		return Encryption{Algorithm: string(types.ServerSideEncryptionAes256)}, nil
	}
	if err != nil {
		return nil, err
	}
	s.noteEncryption(bucket, false)
	var e Encryption
	if out.ServerSideEncryptionConfiguration == nil || len(out.ServerSideEncryptionConfiguration.Rules) == 0 {
		return Encryption{Algorithm: string(types.ServerSideEncryptionAes256)}, nil
	}
	r := out.ServerSideEncryptionConfiguration.Rules[0]
	if d := r.ApplyServerSideEncryptionByDefault; d != nil {
		e.Algorithm = string(d.SSEAlgorithm)
		e.KMSKeyID = aws.ToString(d.KMSMasterKeyID)
	}
	e.BucketKey = aws.ToBool(r.BucketKeyEnabled)
	if r.BlockedEncryptionTypes != nil {
		e.BlockedEncryptionTypes = []string{}
		for _, t := range r.BlockedEncryptionTypes.EncryptionType {
			e.BlockedEncryptionTypes = append(e.BlockedEncryptionTypes, string(t))
		}
	}
	return e, nil
}

// readVersioning reads the versioning status; absent elements mean Never.
func readVersioning(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)})
	if err != nil {
		return nil, err
	}
	v := Versioning{Status: VersioningNever, MFADelete: MFADeleteNever}
	if out.Status != "" {
		v.Status = VersioningStatus(out.Status)
	}
	if out.MFADelete != "" {
		v.MFADelete = MFADeleteStatus(out.MFADelete)
	}
	return v, nil
}

// readLogging reads the server access logging target.
func readLogging(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		return nil, err
	}
	if out.LoggingEnabled == nil {
		return Logging{}, nil
	}
	return Logging{
		Enabled:      true,
		TargetBucket: aws.ToString(out.LoggingEnabled.TargetBucket),
		TargetPrefix: aws.ToString(out.LoggingEnabled.TargetPrefix),
		KeyFormat:    keyFormatOf(out.LoggingEnabled.TargetObjectKeyFormat),
	}, nil
}

// readCORS reads the CORS rules; no configuration is an empty CORS.
func readCORS(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(bucket)})
	if hasCode(err, codeNoCORS) {
		return CORS{}, nil
	}
	if err != nil {
		return nil, err
	}
	var cors CORS
	for _, r := range out.CORSRules {
		cors.Rules = append(cors.Rules, CORSRule{
			ID:             aws.ToString(r.ID),
			AllowedOrigins: r.AllowedOrigins,
			AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders,
			ExposeHeaders:  r.ExposeHeaders,
			MaxAgeSeconds:  r.MaxAgeSeconds,
		})
	}
	return cors, nil
}

// readPolicy reads the bucket policy and decides whether it enforces TLS.
func readPolicy(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if hasCode(err, codeNoPolicy) {
		return Policy{}, nil
	}
	if err != nil {
		return nil, err
	}
	doc := aws.ToString(out.Policy)
	a := AnalyseTLSPolicy(doc, bucket)
	return Policy{Present: true, JSON: doc, TLSEnforced: a.Verdict == TLSEnforced, TLSWrong: a.Verdict == TLSWrong}, nil
}

// readPublicAccessBlock reads the bucket-level Block Public Access settings.
func readPublicAccessBlock(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(bucket)})
	if hasCode(err, codeNoPAB) {
		return PublicAccessBlock{}, nil
	}
	if err != nil {
		return nil, err
	}
	p := PublicAccessBlock{Configured: true}
	if cfg := out.PublicAccessBlockConfiguration; cfg != nil {
		p.BlockPublicAcls = aws.ToBool(cfg.BlockPublicAcls)
		p.IgnorePublicAcls = aws.ToBool(cfg.IgnorePublicAcls)
		p.BlockPublicPolicy = aws.ToBool(cfg.BlockPublicPolicy)
		p.RestrictPublicBuckets = aws.ToBool(cfg.RestrictPublicBuckets)
	}
	return p, nil
}

// readLifecycle counts the lifecycle rules; no configuration is zero rules.
func readLifecycle(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	if hasCode(err, codeNoLifecycle) {
		return Lifecycle{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Lifecycle{Rules: len(out.Rules)}, nil
}

// readOwnership reads Object Ownership; no controls means ACLs are enabled
// with objects owned by their writer, as on buckets from before 2023-04.
func readOwnership(_ *Session, ctx context.Context, c *s3.Client, bucket string) (any, error) {
	out, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(bucket)})
	if hasCode(err, codeNoOwnership) {
		return ObjectOwnership{}, nil
	}
	if err != nil {
		return nil, err
	}
	o := ObjectOwnership{}
	if oc := out.OwnershipControls; oc != nil && len(oc.Rules) > 0 {
		o.Setting = string(oc.Rules[0].ObjectOwnership)
	}
	return o, nil
}
