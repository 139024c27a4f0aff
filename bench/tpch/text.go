package tpch

import (
	"sync"

	"github.com/weir-data/weir/bench/internal/crand"
)

// Word lists and weights of the specification's text grammar (clause
// 4.2.2.14) and its other value lists (clause 4.2.2.13 and 4.2.3).
type weighted struct {
	words  []string
	cumsum []int
	total  int
}

func newWeighted(pairs ...any) *weighted {
	w := &weighted{}
	for i := 0; i < len(pairs); i += 2 {
		w.words = append(w.words, pairs[i].(string))
		w.total += pairs[i+1].(int)
		w.cumsum = append(w.cumsum, w.total)
	}
	return w
}

func (w *weighted) pick(x uint64) string {
	v := int(x % uint64(w.total))
	for i, c := range w.cumsum {
		if v < c {
			return w.words[i]
		}
	}
	return w.words[len(w.words)-1]
}

var (
	nouns = newWeighted("packages", 40, "requests", 40, "accounts", 40, "deposits", 40, "foxes", 20,
		"ideas", 20, "theodolites", 20, "pinto beans", 20, "instructions", 20, "dependencies", 10,
		"excuses", 10, "platelets", 10, "asymptotes", 10, "courts", 5, "dolphins", 5, "multipliers", 1,
		"sauternes", 1, "warthogs", 1, "frets", 1, "dinos", 1, "attainments", 1, "somas", 1,
		"Tiresias", 1, "patterns", 1, "forges", 1, "braids", 1, "hockey players", 1, "frays", 1,
		"warhorses", 1, "dugouts", 1, "notornis", 1, "epitaphs", 1, "pearls", 1, "tithes", 1,
		"waters", 1, "orbits", 1, "gifts", 1, "sheaves", 1, "depths", 1, "sentiments", 1, "decoys", 1,
		"realms", 1, "pains", 1, "grouches", 1, "escapades", 1)
	verbs = newWeighted("sleep", 20, "wake", 20, "are", 20, "cajole", 20, "haggle", 20, "nag", 10,
		"use", 10, "boost", 10, "affix", 5, "detect", 5, "integrate", 5, "maintain", 1, "nod", 1,
		"was", 1, "lose", 1, "sublate", 1, "solve", 1, "thrash", 1, "promise", 1, "engage", 1,
		"hinder", 1, "print", 1, "x-ray", 1, "breach", 1, "eat", 1, "grow", 1, "impress", 1, "mold", 1,
		"poach", 1, "serve", 1, "run", 1, "dazzle", 1, "snooze", 1, "doze", 1, "unwind", 1, "kindle", 1,
		"play", 1, "hang", 1, "believe", 1, "doubt", 1)
	adjectives = newWeighted("special", 20, "pending", 20, "unusual", 20, "express", 20, "furious", 1,
		"sly", 1, "careful", 1, "blithe", 1, "quick", 1, "fluffy", 1, "slow", 1, "quiet", 1,
		"ruthless", 1, "thin", 1, "close", 1, "dogged", 1, "daring", 1, "brave", 1, "stealthy", 1,
		"permanent", 1, "enticing", 1, "idle", 1, "busy", 1, "regular", 50, "final", 40, "ironic", 40,
		"even", 30, "bold", 20, "silent", 10)
	adverbs = newWeighted("sometimes", 1, "always", 1, "never", 1, "furiously", 50, "slyly", 50,
		"carefully", 50, "blithely", 40, "quickly", 30, "fluffily", 20, "slowly", 1, "quietly", 1,
		"ruthlessly", 1, "thinly", 1, "closely", 1, "doggedly", 1, "daringly", 1, "bravely", 1,
		"stealthily", 1, "permanently", 1, "enticingly", 1, "idly", 1, "busily", 1, "regularly", 1,
		"finally", 1, "ironically", 1, "evenly", 1, "boldly", 1, "silently", 1)
	prepositions = newWeighted("about", 50, "above", 50, "according to", 50, "across", 50, "after", 50,
		"against", 40, "along", 40, "alongside of", 30, "among", 30, "around", 20, "at", 10, "atop", 1,
		"before", 1, "behind", 1, "beneath", 1, "beside", 1, "besides", 1, "between", 1, "beyond", 1,
		"by", 1, "despite", 1, "during", 1, "except", 1, "for", 1, "from", 1, "in place of", 1,
		"inside", 1, "instead of", 1, "into", 1, "near", 1, "of", 1, "on", 1, "outside", 1, "over", 1,
		"past", 1, "since", 1, "through", 1, "throughout", 1, "to", 1, "toward", 1, "under", 1,
		"until", 1, "up", 1, "upon", 1, "without", 1, "with", 1, "within", 1)
	auxiliaries = newWeighted("do", 1, "may", 1, "might", 1, "shall", 1, "will", 1, "would", 1,
		"can", 1, "could", 1, "should", 1, "ought to", 1, "must", 1, "will have to", 1,
		"shall have to", 1, "could have to", 1, "should have to", 1, "must have to", 1, "need to", 1,
		"try to", 1)
	terminators = newWeighted(".", 50, ";", 1, ":", 1, "?", 1, "!", 1, "--", 1)
)

// colors are the 92 words of P_NAME (clause 4.2.3).
var colors = [...]string{"almond", "antique", "aquamarine", "azure", "beige", "bisque", "black",
	"blanched", "blue", "blush", "brown", "burlywood", "burnished", "chartreuse", "chiffon",
	"chocolate", "coral", "cornflower", "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger",
	"drab", "firebrick", "floral", "forest", "frosted", "gainsboro", "ghost", "goldenrod", "green",
	"grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace", "lavender", "lawn", "lemon",
	"light", "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight", "mint", "misty",
	"moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru",
	"pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal", "saddle", "salmon",
	"sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan",
	"thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow"}

var (
	typeSyllable1      = [...]string{"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"}
	typeSyllable2      = [...]string{"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"}
	typeSyllable3      = [...]string{"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"}
	containerSyllable1 = [...]string{"SM", "LG", "MED", "JUMBO", "WRAP"}
	containerSyllable2 = [...]string{"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"}
	segments           = [...]string{"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"}
	priorities         = [...]string{"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"}
	instructions       = [...]string{"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"}
	modes              = [...]string{"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"}
)

// regions and nations (clause 4.2.3): nation key = index, with its region key.
var (
	regionNames = [...]string{"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"}
	nations     = [...]struct {
		name   string
		region int32
	}{{"ALGERIA", 0}, {"ARGENTINA", 1}, {"BRAZIL", 1}, {"CANADA", 1}, {"EGYPT", 4}, {"ETHIOPIA", 0},
		{"FRANCE", 3}, {"GERMANY", 3}, {"INDIA", 2}, {"INDONESIA", 2}, {"IRAN", 4}, {"IRAQ", 4},
		{"JAPAN", 2}, {"JORDAN", 4}, {"KENYA", 0}, {"MOROCCO", 0}, {"MOZAMBIQUE", 0}, {"PERU", 1},
		{"CHINA", 2}, {"ROMANIA", 3}, {"SAUDI ARABIA", 4}, {"VIETNAM", 2}, {"RUSSIA", 3},
		{"UNITED KINGDOM", 3}, {"UNITED STATES", 1}}
)

// textPoolSize is the length of the text that comments are cut from
// (dbgen uses 300 MB; 4 MiB is plenty for a uniform choice of substrings).
const textPoolSize = 4 << 20

var (
	poolOnce sync.Once
	pool     []byte
)

// textPool returns the shared text: sentences of the specification's grammar,
// generated once from a fixed seed (independent of Options.Seed, so that the
// pool is shared; the choice of substrings depends on the seed).
func textPool() []byte {
	poolOnce.Do(func() {
		r := random{crand.Source{Seed: 0x7a1c_5eed}}
		buf := make([]byte, 0, textPoolSize+256)
		var n uint64
		next := func() uint64 { n++; return r.u64(sTextPool, n) }
		nounPhrase := func() {
			switch next() % 4 {
			case 0:
			case 1:
				buf = append(buf, adjectives.pick(next())...)
				buf = append(buf, ' ')
			case 2:
				buf = append(buf, adjectives.pick(next())...)
				buf = append(buf, ", "...)
				buf = append(buf, adjectives.pick(next())...)
				buf = append(buf, ' ')
			case 3:
				buf = append(buf, adverbs.pick(next())...)
				buf = append(buf, ' ')
				buf = append(buf, adjectives.pick(next())...)
				buf = append(buf, ' ')
			}
			buf = append(buf, nouns.pick(next())...)
		}
		verbPhrase := func() {
			switch next() % 4 {
			case 0:
				buf = append(buf, verbs.pick(next())...)
			case 1:
				buf = append(buf, auxiliaries.pick(next())...)
				buf = append(buf, ' ')
				buf = append(buf, verbs.pick(next())...)
			case 2:
				buf = append(buf, verbs.pick(next())...)
				buf = append(buf, ' ')
				buf = append(buf, adverbs.pick(next())...)
			case 3:
				buf = append(buf, auxiliaries.pick(next())...)
				buf = append(buf, ' ')
				buf = append(buf, verbs.pick(next())...)
				buf = append(buf, ' ')
				buf = append(buf, adverbs.pick(next())...)
			}
		}
		prepPhrase := func() {
			buf = append(buf, prepositions.pick(next())...)
			buf = append(buf, " the "...)
			nounPhrase()
		}
		for len(buf) < textPoolSize {
			nounPhrase()
			buf = append(buf, ' ')
			verbPhrase()
			switch next() % 5 {
			case 0, 1:
			case 2, 3:
				buf = append(buf, ' ')
				prepPhrase()
			case 4:
				buf = append(buf, ' ')
				verbPhrase()
				buf = append(buf, ' ')
				prepPhrase()
			}
			buf = append(buf, terminators.pick(next())...)
			buf = append(buf, ' ')
		}
		pool = buf[:textPoolSize]
	})
	return pool
}

// text returns a substring of the pool of a length in [lo, hi] (clause
// 4.2.2.10's text string), chosen by draws n of the given streams.
func (r random) text(lenStream, offStream, n uint64, lo, hi int64) []byte {
	p := textPool()
	l := r.between(lenStream, n, lo, hi)
	off := r.between(offStream, n, 0, int64(len(p))-l)
	return p[off : off+l]
}

const vstringAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,."

// appendVString appends a random alphanumeric string of length in [lo, hi]
// (clause 4.2.2.7's v-string): one 64-bit draw yields 10 characters.
func (r random) appendVString(dst []byte, lenStream, charStream, n uint64, lo, hi int64) []byte {
	l := int(r.between(lenStream, n, lo, hi))
	var x uint64
	for i := 0; i < l; i++ {
		if i%10 == 0 {
			x = r.u64(charStream, n*8+uint64(i/10))
		}
		dst = append(dst, vstringAlphabet[x&63])
		x >>= 6
	}
	return dst
}
