package clientside

import "encoding/binary"

// gfElem is an element of GF(2^128) in GCM's bit order: the first byte's most
// significant bit is the coefficient of x^0. hi holds bytes 0-7, lo bytes 8-15.
type gfElem struct{ hi, lo uint64 }

// gfLoad reads a 16-byte block.
func gfLoad(b []byte) gfElem {
	return gfElem{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:16])}
}

// put writes the element as a 16-byte block.
func (x gfElem) put(b []byte) {
	binary.BigEndian.PutUint64(b[:8], x.hi)
	binary.BigEndian.PutUint64(b[8:16], x.lo)
}

// xor adds two elements.
func (x gfElem) xor(y gfElem) gfElem { return gfElem{x.hi ^ y.hi, x.lo ^ y.lo} }

// gfMul multiplies in GF(2^128) with GCM's polynomial (NIST SP 800-38D,
// algorithm 1). It runs only a few times per 64 KiB chunk, so the simple
// bitwise form is fast enough; masks instead of branches keep it constant-time
// because H is derived from the key.
func gfMul(x, y gfElem) gfElem {
	var z gfElem
	v := y
	for i := 0; i < 128; i++ {
		var bit uint64
		if i < 64 {
			bit = x.hi >> (63 - i) & 1
		} else {
			bit = x.lo >> (127 - i) & 1
		}
		mask := -bit
		z.hi ^= v.hi & mask
		z.lo ^= v.lo & mask
		lsb := v.lo & 1
		v.lo = v.lo>>1 | v.hi<<63
		v.hi = v.hi>>1 ^ 0xe100000000000000&-lsb
	}
	return z
}

// gfPow returns h^n by square-and-multiply (n >= 1).
func gfPow(h gfElem, n uint64) gfElem {
	result := gfElem{hi: 1 << 63} // the multiplicative identity, x^0
	for base := h; n > 0; n >>= 1 {
		if n&1 == 1 {
			result = gfMul(result, base)
		}
		base = gfMul(base, base)
	}
	return result
}

// lengthBlock is GCM's final GHASH block: bit lengths of AAD and ciphertext.
func lengthBlock(aadBytes, ctBytes uint64) gfElem {
	return gfElem{aadBytes * 8, ctBytes * 8}
}
