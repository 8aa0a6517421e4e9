package awsops

import (
	"sort"
	"strings"
)

// LoggingGraph is one bucket's place among the account's logging
// configurations, for the Logging pane and the grid. It is built on
// logChain, the same walk the loop findings use.
type LoggingGraph struct {
	// Chain is where the bucket's logs go, and onward: the bucket first,
	// then its target, that target's target, ... up to a bucket that does
	// not log, is unknown, or was already visited.
	Chain []string
	// Loop is the closed chain when the bucket is part of a logging loop
	// (A, B, A; a bucket logging into itself is A, A); nil otherwise.
	Loop []string
	// Sources are the buckets that send their access logs to this one.
	Sources []string
	// Onward names the bucket where Chain stopped because it was already
	// visited: the bucket's logs flow into a loop it is not part of.
	Onward string
	// Unknown is set when Chain ends at a bucket that is not among the
	// states: deleted, or another account's.
	Unknown bool
}

// LoggingGraphOf returns bucket's place in the logging graph of states.
func LoggingGraphOf(states []BucketState, bucket string) LoggingGraph {
	known := knownStates(states)
	var g LoggingGraph
	chain, loop := logChain(lookupIn(known), bucket)
	g.Chain = chain
	if loop {
		g.Loop = append(append([]string{}, chain...), bucket)
	} else if last := logTarget(lookupIn(known), chain[len(chain)-1]); last != "" && last != bucket {
		for _, c := range chain {
			if c == last {
				g.Onward = last
			}
		}
	}
	g.Unknown = known[chain[len(chain)-1]] == nil
	for i := range states {
		if l := states[i].Logging; l != nil && l.Enabled && l.TargetBucket == bucket {
			g.Sources = append(g.Sources, states[i].Name)
		}
	}
	sort.Strings(g.Sources)
	return g
}

// BucketLookup finds a bucket's state by name; nil when it is unknown.
type BucketLookup func(name string) *BucketState

// lookupIn is the lookup of an index of states.
func lookupIn(known map[string]*BucketState) BucketLookup {
	return func(name string) *BucketState { return known[name] }
}

// LoggingLoopOf returns the closed chain (A, B, A) of the logging loop
// bucket is part of, nil when it is in none. get is the caller's own
// index, so a grid can ask for its selected row on every frame without an
// index of every bucket being built.
func LoggingLoopOf(get BucketLookup, bucket string) []string {
	chain, loop := logChain(get, bucket)
	if !loop {
		return nil
	}
	return append(chain, bucket)
}

// LoopChain formats a closed chain as "A → B → A".
func LoopChain(chain []string) string { return strings.Join(chain, " → ") }

// knownStates indexes states by bucket name.
func knownStates(states []BucketState) map[string]*BucketState {
	known := make(map[string]*BucketState, len(states))
	for i := range states {
		known[states[i].Name] = &states[i]
	}
	return known
}
