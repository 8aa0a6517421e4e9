package sigv4

import "strings"

const trailerSignatureName = "x-amz-trailer-signature"

// trailerSpec says which trailing headers a chunked body must end with.
type trailerSpec struct {
	names  []string // from x-amz-trailer, lower case
	signed bool     // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
}

// parseTrailerHeader reads the x-amz-trailer request header.
func parseTrailerHeader(values []string) []string {
	var names []string
	for _, v := range values {
		for _, n := range strings.Split(v, ",") {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
				names = append(names, n)
			}
		}
	}
	return names
}

// readTrailers reads the section after the final chunk: "name:value" lines,
// then (signed variant) x-amz-trailer-signature, then an empty line. The
// trailers must be exactly the declared ones. A body that simply ends where
// the empty line belongs is accepted. Nothing may follow.
func (c *chunkedReader) readTrailers() *Error {
	c.values = map[string]string{}
	var canonical strings.Builder
	signature := ""
	for lines := 0; ; lines++ {
		line, eof, e := c.readLine()
		if e != nil {
			return e
		}
		if eof || line == "" {
			break
		}
		if lines == maxTrailerLines || signature != "" {
			return errMalformedTrailer()
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return errMalformedTrailer()
		}
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		if name == trailerSignatureName {
			if !c.trailers.signed || value == "" {
				return errMalformedTrailer()
			}
			signature = value
			continue
		}
		if _, dup := c.values[name]; dup || !c.trailers.declares(name) {
			return errMalformedTrailer()
		}
		c.values[name] = value
		canonical.WriteString(name + ":" + value + "\n")
	}
	if len(c.values) != len(c.trailers.names) {
		return errMalformedTrailer()
	}
	if c.trailers.signed && c.signer != nil && !c.signer.verifyTrailer(canonical.String(), signature) {
		return errSignatureMismatch()
	}
	if _, err := c.br.ReadByte(); err == nil {
		return errIncompleteBody() // bytes after the end of the encoding
	}
	return nil
}

func (t trailerSpec) declares(name string) bool {
	for _, n := range t.names {
		if n == name {
			return true
		}
	}
	return false
}
