package sandbox

// keyMaterial is what a version or multipart upload keeps to recover its
// content key. It never holds a key in plaintext, nor an SSE-C key.
type keyMaterial struct {
	Mode        sseMode
	Wrapped     []byte            // SSE-S3: the data key sealed under the sandbox master key
	KMSBlob     []byte            // KMS modes: CiphertextBlob of the data key, or of the bucket key
	KMSContext  map[string]string // the encryption context KMSBlob is bound to (2.5)
	Region      string            // where the KMS key lives (the bucket's region)
	KeyARN      string            // full ARN of the KMS key
	BucketKey   bool              // KMSBlob is a bucket key; the data key is derived with Salt
	Salt        []byte            // bucket-key derivation salt, or SSE-C derivation and HMAC salt
	CustomerMAC []byte            // SSE-C: HMAC-SHA256(Salt, customer key)
}

// keyScope is the object a data key is for and who asks.
type keyScope struct {
	Bucket, Region, Key string
	Requester           string // principal ARN: bucket keys are per requester (2.5)
}

// objectARN is the ARN S3 puts in the encryption context of per-object keys.
func (k keyScope) objectARN() string { return "arn:aws:s3:::" + k.Bucket + "/" + k.Key }

// bucketARN is the ARN S3 puts in the encryption context of bucket keys.
func (k keyScope) bucketARN() string { return "arn:aws:s3:::" + k.Bucket }

// Derivation labels keep the sandbox's derived keys apart.
const (
	infoBucketKeyObject = "s3sec sandbox bucket-key object key "
	infoSSEC            = "s3sec sandbox sse-c content key"
	infoDSSELayer1      = "s3sec sandbox dsse layer 1"
	infoDSSELayer2      = "s3sec sandbox dsse layer 2"
)

// contentLayers turns a data key into the keys of sealSegment's layers:
// DSSE-KMS applies two independent layers, every other mode one.
func contentLayers(mode sseMode, dataKey []byte) [][]byte {
	if mode == modeDSSE {
		return [][]byte{deriveKey(dataKey, nil, infoDSSELayer1), deriveKey(dataKey, nil, infoDSSELayer2)}
	}
	return [][]byte{dataKey}
}

// kmsContext is the encryption context S3 sends to KMS: the caller's pairs
// plus aws:s3:arn (S3's value wins), as in 2.5.
func kmsContext(user map[string]string, arn string) map[string]string {
	ctx := make(map[string]string, len(user)+1)
	for k, v := range user {
		ctx[k] = v
	}
	ctx["aws:s3:arn"] = arn
	return ctx
}

// newDataKey makes the data key of a new object or upload and the material
// that recovers it later, calling KMS the way S3 does (2.5).
func (s *Server) newDataKey(ch sseChoice, sc keyScope) (keyMaterial, []byte, *s3Error) {
	km := keyMaterial{Mode: ch.Mode}
	switch ch.Mode {
	case modeSSEC:
		km.Salt = randomBytes(16)
		km.CustomerMAC = customerKeyMAC(km.Salt, ch.Customer.Key)
		return km, deriveKey(ch.Customer.Key, km.Salt, infoSSEC), nil
	case modeS3:
		dk := randomBytes(dataKeySize)
		km.Wrapped = sealSegment([][]byte{s.sse.masterKey()}, dk)
		return km, dk, nil
	}
	client := s.kmsClient()
	if client == nil {
		return km, nil, errKMSUnavailable()
	}
	km.Region = sc.Region
	if ch.BucketKey && ch.Mode == modeKMS {
		return s.newBucketKeyDataKey(client, km, ch, sc)
	}
	km.KMSContext = kmsContext(ch.Context, sc.objectARN())
	s.sse.calls.add(sc.Bucket, func(c *KMSCallCount) { c.GenerateDataKey++ })
	pt, blob, arn, err := client.GenerateDataKey(sc.Region, ch.KMSKeyID, km.KMSContext)
	if err != nil {
		return km, nil, kmsError(err)
	}
	km.KMSBlob, km.KeyARN = blob, arn
	return km, pt, nil
}

// newBucketKeyDataKey derives a per-object data key from the bucket key of
// (bucket, KMS key, requester), asking KMS for a new bucket key only when
// none is cached (2.5).
func (s *Server) newBucketKeyDataKey(client kmsClient, km keyMaterial, ch sseChoice, sc keyScope) (keyMaterial, []byte, *s3Error) {
	arn, err := client.ResolveKey(sc.Region, ch.KMSKeyID)
	if err != nil {
		return km, nil, kmsError(err)
	}
	km.KeyARN, km.BucketKey = arn, true
	km.KMSContext = kmsContext(ch.Context, sc.bucketARN())
	scope := bucketKeyScope{Bucket: sc.Bucket, KeyARN: arn, Requester: sc.Requester, Context: canonicalContext(km.KMSContext)}
	now := s.opts.Clock()
	entry, ok := s.sse.bucketKeys.forWrite(scope, now)
	if !ok {
		s.sse.bucketKeys.gen.Lock()
		defer s.sse.bucketKeys.gen.Unlock()
		entry, ok = s.sse.bucketKeys.forWrite(scope, now) // another writer may have just made it
	}
	if ok {
		s.sse.calls.add(sc.Bucket, func(c *KMSCallCount) { c.BucketKeyHits++ })
	} else {
		s.sse.calls.add(sc.Bucket, func(c *KMSCallCount) { c.GenerateDataKey++ })
		pt, blob, _, gerr := client.GenerateDataKey(sc.Region, arn, km.KMSContext)
		if gerr != nil {
			return km, nil, kmsError(gerr)
		}
		entry = bucketKeyEntry{Plaintext: pt, Blob: blob, Expires: now.Add(bucketKeyTTL)}
		s.sse.bucketKeys.remember(scope, entry, true)
	}
	km.KMSBlob = entry.Blob
	km.Salt = randomBytes(16)
	return km, deriveKey(entry.Plaintext, km.Salt, infoBucketKeyObject+sc.objectARN()), nil
}

// recoverDataKey returns the data key of stored material, calling KMS (or
// the bucket-key cache) for the KMS modes. SSE-C material needs the caller's
// key, which the caller has already checked against the stored HMAC.
func (s *Server) recoverDataKey(km keyMaterial, sc keyScope, ck *customerKey) ([]byte, *s3Error) {
	switch km.Mode {
	case modeSSEC:
		if ck == nil {
			return nil, errSSECKeyMissing()
		}
		return deriveKey(ck.Key, km.Salt, infoSSEC), nil
	case modeS3:
		dk, err := openSegment([][]byte{s.sse.masterKey()}, km.Wrapped)
		if err != nil {
			return nil, errInternal(err)
		}
		return dk, nil
	}
	client := s.kmsClient()
	if client == nil {
		return nil, errKMSUnavailable()
	}
	if !km.BucketKey {
		s.sse.calls.add(sc.Bucket, func(c *KMSCallCount) { c.Decrypt++ })
		pt, _, err := client.Decrypt(km.Region, km.KMSBlob, km.KMSContext)
		if err != nil {
			return nil, kmsError(err)
		}
		return pt, nil
	}
	bk, err := s.openBucketKey(client, km, sc)
	if err != nil {
		return nil, err
	}
	return deriveKey(bk, km.Salt, infoBucketKeyObject+sc.objectARN()), nil
}

// openBucketKey recovers the bucket key an object was written under, from the
// requester's cache or with one Decrypt.
func (s *Server) openBucketKey(client kmsClient, km keyMaterial, sc keyScope) ([]byte, *s3Error) {
	scope := bucketKeyScope{Bucket: sc.Bucket, KeyARN: km.KeyARN, Requester: sc.Requester, Context: canonicalContext(km.KMSContext)}
	now := s.opts.Clock()
	if pt, ok := s.sse.bucketKeys.forRead(scope, km.KMSBlob, now); ok {
		s.sse.calls.add(sc.Bucket, func(c *KMSCallCount) { c.BucketKeyHits++ })
		return pt, nil
	}
	s.sse.calls.add(sc.Bucket, func(c *KMSCallCount) { c.Decrypt++ })
	pt, _, err := client.Decrypt(km.Region, km.KMSBlob, km.KMSContext)
	if err != nil {
		return nil, kmsError(err)
	}
	s.sse.bucketKeys.remember(scope, bucketKeyEntry{Plaintext: pt, Blob: km.KMSBlob, Expires: now.Add(bucketKeyTTL)}, false)
	return pt, nil
}

// reportedSSE is what responses say about material (2.3): full key ARN, the
// bucket-key flag only for SSE-KMS, no SSE header for SSE-C.
func reportedSSE(km keyMaterial) sseInfo {
	switch km.Mode {
	case modeKMS:
		return sseInfo{Algorithm: algKMS, KMSKeyARN: km.KeyARN, BucketKey: km.BucketKey}
	case modeDSSE:
		return sseInfo{Algorithm: algDSSE, KMSKeyARN: km.KeyARN}
	case modeSSEC:
		return sseInfo{CustomerKey: true}
	}
	return sseInfo{Algorithm: algAES256}
}
