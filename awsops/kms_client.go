package awsops

import (
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// kmsClientCache holds one KMS client per region. Its zero value is ready to
// use, so Session needs no initialisation for it.
type kmsClientCache struct {
	mu      sync.Mutex
	clients map[string]*kms.Client
}

// kmsClient returns the cached KMS client for a region, building it on first
// use. KMS keys are regional: a key can only be used, listed or described
// through the endpoint of its own region. The client shares the session's
// configuration (credentials, HTTP client with its CA bundle, retryer, and
// the base endpoint given with --endpoint-url or AWS_ENDPOINT_URL, which is
// also where the sandbox serves KMS).
func (s *Session) kmsClient(region string) *kms.Client {
	if region == "" {
		region = s.cfg.Region
	}
	c := &s.kmsClients
	c.mu.Lock()
	defer c.mu.Unlock()
	if k, ok := c.clients[region]; ok {
		return k
	}
	if c.clients == nil {
		c.clients = map[string]*kms.Client{}
	}
	k := kms.NewFromConfig(s.cfg, func(o *kms.Options) { o.Region = region })
	c.clients[region] = k
	return k
}

// KMSKeyring returns a client-side encryption keyring for a KMS key (id,
// ARN or alias) of a region, using the session's KMS client. An empty keyID
// gives a decrypt-only keyring that lets KMS find the key from the object.
func (s *Session) KMSKeyring(region, keyID string) *clientside.KMSKeyring {
	return clientside.NewKMSKeyring(s.kmsClient(region), keyID)
}
