package bucketconfig

// PublicAccessBlock is a PublicAccessBlockConfiguration document.
type PublicAccessBlock struct{ BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets bool }

// ParsePublicAccessBlock validates a PutPublicAccessBlock body. Flags that
// are not sent are false; a document with none of them is refused.
func ParsePublicAccessBlock(body []byte) (PublicAccessBlock, *Error) {
	root, ok := parseXML(body)
	if !ok || root.name != "PublicAccessBlockConfiguration" ||
		!root.hasChildren(opt("BlockPublicAcls"), opt("IgnorePublicAcls"), opt("BlockPublicPolicy"), opt("RestrictPublicBuckets")) {
		return PublicAccessBlock{}, MalformedXML()
	}
	var p PublicAccessBlock
	flags := []struct {
		name string
		dst  *bool
	}{
		{"BlockPublicAcls", &p.BlockPublicAcls},
		{"IgnorePublicAcls", &p.IgnorePublicAcls},
		{"BlockPublicPolicy", &p.BlockPublicPolicy},
		{"RestrictPublicBuckets", &p.RestrictPublicBuckets},
	}
	for _, f := range flags {
		if n := root.first(f.name); n != nil {
			if *f.dst, ok = n.boolean(); !ok {
				return PublicAccessBlock{}, MalformedXML()
			}
		}
	}
	if len(root.children) == 0 {
		return PublicAccessBlock{}, invalidRequest("Must specify at least one configuration.")
	}
	return p, nil
}

// XML renders the GetPublicAccessBlock document with all four flags.
func (p PublicAccessBlock) XML() []byte {
	d := newXMLDoc("PublicAccessBlockConfiguration")
	d.boolElem("BlockPublicAcls", p.BlockPublicAcls)
	d.boolElem("IgnorePublicAcls", p.IgnorePublicAcls)
	d.boolElem("BlockPublicPolicy", p.BlockPublicPolicy)
	d.boolElem("RestrictPublicBuckets", p.RestrictPublicBuckets)
	return d.bytes()
}
