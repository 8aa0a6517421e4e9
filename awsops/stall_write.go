package awsops

import (
	"context"
	"errors"
	"net"
	"os"
	"time"
)

// writeChunk is the most one Write hands the connection under one
// deadline: progress of less than this within the timeout is a stall.
const writeChunk = 16 << 10

// idleWriteConn gives every write to the endpoint its own deadline, so an
// upload to a server that stopped reading fails after the timeout instead
// of blocking forever. Reads are left alone (the body guard watches them),
// and a connection idle in the pool is not writing, so it is never cut.
type idleWriteConn struct {
	net.Conn
	idle time.Duration
}

// Write implements net.Conn, in chunks that each must go out within idle.
func (c *idleWriteConn) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		chunk := p[:min(len(p), writeChunk)]
		if err := c.Conn.SetWriteDeadline(time.Now().Add(c.idle)); err != nil {
			return n, err
		}
		m, err := c.Conn.Write(chunk)
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}

// guardWrites wraps the connections dial makes.
func guardWrites(dial func(ctx context.Context, network, addr string) (net.Conn, error), idle time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	if dial == nil {
		dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &idleWriteConn{Conn: c, idle: idle}, nil
	}
}

// isWriteStall recognises a write that ran past its idleWriteConn deadline.
// Reads have no deadline on these connections, so a deadline error is one.
func isWriteStall(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded)
}
