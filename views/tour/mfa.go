package tour

import (
	"context"
	"sync"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
)

// codeSource hands out MFA codes of the demo device that S3 has not seen
// yet. S3 accepts each code once and accepts the codes of the neighbouring
// 30-second steps, so a tour that needs three codes in a minute takes the
// earliest unused step in that window, and waits for the next one only
// when the window is used up (a presenter sees the spinner).
type codeSource struct {
	mu       sync.Mutex
	lastStep int64
}

// next returns an MFA value for the demo device.
func (e *Env) nextMFA(ctx context.Context) (awsops.MFA, error) {
	c := &e.codes
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		now := e.now()
		cur := otp.Step(now)
		step := max(c.lastStep+1, cur-otp.Skew)
		if step <= cur+otp.Skew {
			code, err := otp.Code(e.MFASeed, otp.StepStart(step))
			if err != nil {
				return awsops.MFA{}, err
			}
			c.lastStep = step
			return awsops.MFA{Serial: e.MFASerial, Code: code}, nil
		}
		wait := otp.StepStart(cur + 1).Sub(now)
		select {
		case <-ctx.Done():
			return awsops.MFA{}, ctx.Err()
		case <-time.After(wait):
		}
	}
}
