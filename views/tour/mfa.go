package tour

import (
	"context"
	"sync"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
)

// codeSource hands out MFA codes of the demo device that S3 has not seen
// yet. S3 accepts each code once and also accepts the codes of the
// neighbouring 30-second steps, so a tour that needs three codes in a
// minute takes the current step's, then the next one's, then the previous
// one's, and waits for the device's next step only when all three are used
// (a presenter sees the spinner).
type codeSource struct {
	mu   sync.Mutex
	used map[int64]bool // time steps whose code S3 has been sent
}

// forget drops every used step (the sandbox was reset and forgot too).
func (c *codeSource) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used = nil
}

// nextMFA returns an MFA value for the demo device that S3 will accept.
func (e *Env) nextMFA(ctx context.Context) (awsops.MFA, error) {
	c := &e.codes
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used == nil {
		c.used = map[int64]bool{}
	}
	for {
		now := e.now()
		cur := otp.Step(now)
		for s := range c.used {
			if s < cur-otp.Skew {
				delete(c.used, s) // too old to be accepted anyway
			}
		}
		// The previous step last: a request that crosses into the next
		// step on its way would find it no longer accepted.
		for _, step := range []int64{cur, cur + 1, cur - 1} {
			if c.used[step] {
				continue
			}
			code, err := otp.Code(e.MFASeed, otp.StepStart(step))
			if err != nil {
				return awsops.MFA{}, err
			}
			c.used[step] = true
			return awsops.MFA{Serial: e.MFASerial, Code: code}, nil
		}
		select {
		case <-ctx.Done():
			return awsops.MFA{}, ctx.Err()
		case <-time.After(otp.StepStart(cur + 1).Sub(now)):
		}
	}
}
