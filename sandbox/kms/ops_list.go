package kms

import "sort"

// pageInput is the paging part of ListKeys and ListAliases.
type pageInput struct {
	KeyID  *string `json:"KeyId"` // ListAliases only
	Limit  *int    `json:"Limit"`
	Marker *string `json:"Marker"`
}

// listKeysOutput is the output of ListKeys.
type listKeysOutput struct {
	Keys       []keyListEntry `json:"Keys"`
	NextMarker string         `json:"NextMarker,omitempty"`
	Truncated  bool           `json:"Truncated"`
}

// keyListEntry is one key of ListKeys.
type keyListEntry struct {
	KeyID  string `json:"KeyId"`
	KeyArn string `json:"KeyArn"`
}

// listAliasesOutput is the output of ListAliases.
type listAliasesOutput struct {
	Aliases    []aliasListEntry `json:"Aliases"`
	NextMarker string           `json:"NextMarker,omitempty"`
	Truncated  bool             `json:"Truncated"`
}

// aliasListEntry is one alias of ListAliases.
type aliasListEntry struct {
	AliasName       string `json:"AliasName"`
	AliasArn        string `json:"AliasArn"`
	TargetKeyID     string `json:"TargetKeyId"`
	CreationDate    epoch  `json:"CreationDate"`
	LastUpdatedDate epoch  `json:"LastUpdatedDate"`
}

// errBadMarker answers a Marker the sandbox did not hand out.
func errBadMarker() *Error {
	return newError(ErrInvalidMarker, "The request was rejected because the marker that specifies where pagination should next begin is not valid.")
}

// decodePage decodes and validates a paging input; maxLimit is the
// operation's upper bound for Limit.
func (q *request) decodePage(maxLimit int) (pageInput, *Error) {
	var in pageInput
	if e := decodeBody(q.r, &in); e != nil {
		return in, e
	}
	var v validator
	v.intRange("limit", in.Limit, 1, maxLimit)
	if in.Marker != nil {
		v.length("marker", *in.Marker, 1, 1024)
	}
	v.keyID("keyId", in.KeyID, false)
	return in, v.err()
}

// page returns the window [start, end) of n items that a marker (the index
// handed out as NextMarker, found by find) and a limit select.
func page(n int, in pageInput, defLimit int, find func(marker string) int) (start, end int, e *Error) {
	limit := defLimit
	if in.Limit != nil {
		limit = *in.Limit
	}
	if in.Marker != nil {
		if start = find(*in.Marker); start < 0 {
			return 0, 0, errBadMarker()
		}
	}
	return start, min(n, start+limit), nil
}

// opListKeys lists the Region's keys, AWS-managed ones included, in creation
// order; NextMarker is the id of the first key of the next page.
func opListKeys(q *request) (any, *Error) {
	in, e := q.decodePage(1000)
	if e != nil {
		return nil, e
	}
	if e := q.s.identityDenied(q.caller.arn, "ListKeys", ""); e != nil {
		return nil, e
	}
	s := q.s
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := s.region(q.region).order
	start, end, e := page(len(keys), in, 100, func(m string) int {
		for i, k := range keys {
			if k.id == m {
				return i
			}
		}
		return -1
	})
	if e != nil {
		return nil, e
	}
	out := listKeysOutput{Keys: []keyListEntry{}}
	for _, k := range keys[start:end] {
		out.Keys = append(out.Keys, keyListEntry{KeyID: k.id, KeyArn: k.arn})
	}
	if end < len(keys) {
		out.Truncated, out.NextMarker = true, keys[end].id
	}
	return out, nil
}

// opListAliases lists the Region's aliases sorted by name, optionally only
// those of one key; alias/aws/s3 appears once its key exists.
func opListAliases(q *request) (any, *Error) {
	in, e := q.decodePage(100)
	if e != nil {
		return nil, e
	}
	if e := q.s.identityDenied(q.caller.arn, "ListAliases", ""); e != nil {
		return nil, e
	}
	s := q.s
	s.mu.Lock()
	defer s.mu.Unlock()
	var only *key
	if in.KeyID != nil {
		if only, e = s.resolve(q.region, *in.KeyID, keysOnly); e != nil {
			return nil, e
		}
	}
	var aliases []*alias
	for _, a := range s.region(q.region).aliases {
		if only == nil || a.target == only {
			aliases = append(aliases, a)
		}
	}
	sort.Slice(aliases, func(i, j int) bool { return aliases[i].name < aliases[j].name })
	start, end, e := page(len(aliases), in, 50, func(m string) int {
		for i, a := range aliases {
			if a.name == m {
				return i
			}
		}
		return -1
	})
	if e != nil {
		return nil, e
	}
	out := listAliasesOutput{Aliases: []aliasListEntry{}}
	for _, a := range aliases[start:end] {
		out.Aliases = append(out.Aliases, aliasListEntry{
			AliasName: a.name, AliasArn: s.aliasARN(q.region, a.name), TargetKeyID: a.target.id,
			CreationDate: epoch(a.created), LastUpdatedDate: epoch(a.updated),
		})
	}
	if end < len(aliases) {
		out.Truncated, out.NextMarker = true, aliases[end].name
	}
	return out, nil
}
