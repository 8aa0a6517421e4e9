package accesslog

import (
	"sort"
	"sync"
	"time"
)

// Batch is the content of one log object: records of one destination (and,
// for PartitionedPrefix with EventTime, of one UTC day).
type Batch struct {
	Destination Destination
	EventDay    time.Time // UTC midnight of the records' day (EventTime partitions), else of the first record
	Records     []Record
}

// Body is the log object's content: one line per record.
func (b Batch) Body() []byte {
	var out []byte
	for _, r := range b.Records {
		out = append(out, r.Format()...)
		out = append(out, '\n')
	}
	return out
}

// Buffer collects records per destination until Drain. It is safe for
// concurrent use. Past MaxRecords pending records, new ones are dropped and
// counted (the sandbox keeps everything in memory).
type Buffer struct {
	MaxRecords int // 0: no limit

	mu      sync.Mutex
	pending map[batchKey][]Record
	count   int
	dropped int
}

// batchKey separates records into log objects.
type batchKey struct {
	dest Destination
	day  time.Time // zero unless PartitionedPrefix with EventTime
}

// Add queues a record for a destination; it reports false when the record
// was dropped because the buffer is full.
func (b *Buffer) Add(d Destination, r Record) bool {
	k := batchKey{dest: d}
	if d.KeyFormat == PartitionedPrefix && d.DateSource != DeliveryTime {
		y, m, day := r.Time.UTC().Date()
		k.day = time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.MaxRecords > 0 && b.count >= b.MaxRecords {
		b.dropped++
		return false
	}
	if b.pending == nil {
		b.pending = map[batchKey][]Record{}
	}
	b.pending[k] = append(b.pending[k], r)
	b.count++
	return true
}

// Len is the number of records waiting.
func (b *Buffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.count
}

// Dropped is the number of records refused because the buffer was full.
func (b *Buffer) Dropped() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.dropped
}

// Drain removes and returns every pending batch, ordered by target,
// prefix, source and day so deliveries happen in a stable order.
func (b *Buffer) Drain() []Batch {
	b.mu.Lock()
	pending := b.pending
	b.pending, b.count = nil, 0
	b.mu.Unlock()
	out := make([]Batch, 0, len(pending))
	for k, recs := range pending {
		day := k.day
		if day.IsZero() && len(recs) > 0 {
			day = recs[0].Time.UTC()
		}
		out = append(out, Batch{Destination: k.dest, EventDay: day, Records: recs})
	}
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i].Destination, out[j].Destination
		if a.TargetBucket != c.TargetBucket {
			return a.TargetBucket < c.TargetBucket
		}
		if a.TargetPrefix != c.TargetPrefix {
			return a.TargetPrefix < c.TargetPrefix
		}
		if a.SourceBucket != c.SourceBucket {
			return a.SourceBucket < c.SourceBucket
		}
		return out[i].EventDay.Before(out[j].EventDay)
	})
	return out
}
