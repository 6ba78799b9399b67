#!/usr/bin/env python3
"""Compares two coders byte by byte on the same stream.

usage: bench/mix/compare-costs.py STREAM OURS.costs PEER.costs [ROWS] [PEER_SKIP]

OURS.costs: each byte's cost in bits as little-endian float32, as AblationExperiment writes with
-Dcosts=FILE; PEER.costs the same from the peer (paq8px's first PEER_SKIP values, 9 by default, are
its archive header's bytes). Prints the totals, the difference per sixteenth of the stream, and the
difference by the byte's class, by bracket nesting ([[ ]] and {{ }}), by the class of the line's
first byte and by the class of the byte before.
"""
import numpy as np, sys, collections
data = open(sys.argv[1],'rb').read()
a = np.fromfile(sys.argv[2], dtype='<f4').astype(np.float64)  # ours
skip = int(sys.argv[5]) if len(sys.argv) > 5 else 9
b = np.fromfile(sys.argv[3], dtype='<f4').astype(np.float64)[skip:]  # the peer's
n = min(len(data), len(a), len(b))
print("n", n, len(data), len(a), len(b))
a=a[:n]; b=b[:n]; d = a-b
print("total ours %.0f B, peer %.0f B, diff %.0f B (%.2f %%)" % (a.sum()/8, b.sum()/8, d.sum()/8, 100*d.sum()/b.sum()))
# by position chunks
chunk = max(1, n//16)
print("by chunk:", " ".join("%+.0f" % (d[i:i+chunk].sum()/8) for i in range(0, n, chunk)))
def cls(x):
    if x >= 128: return 'code'
    c = chr(x)
    if c.islower(): return 'lower'
    if c.isupper(): return 'upper'
    if c.isdigit(): return 'digit'
    if c == ' ': return 'space'
    if c == '\n': return 'newline'
    if x < 32: return 'ctrl%d' % x
    return 'punct' + c
cat = collections.defaultdict(lambda: [0.0, 0.0, 0])
# markup state
state = collections.defaultdict(lambda: [0.0, 0.0, 0])
linetype = collections.defaultdict(lambda: [0.0, 0.0, 0])
prevcat = collections.defaultdict(lambda: [0.0, 0.0, 0])
sq = 0; cu = 0; lt = 0; line_first = '\n'; pos_in_line = 0
for i in range(n):
    x = data[i]
    k = cls(x)
    e = cat[k]; e[0]+=a[i]; e[1]+=b[i]; e[2]+=1
    st = ('[[' if sq>0 else '') + ('{{' if cu>0 else '') or 'plain'
    e = state[st]; e[0]+=a[i]; e[1]+=b[i]; e[2]+=1
    e = linetype[line_first if pos_in_line > 0 else 'BOL']; e[0]+=a[i]; e[1]+=b[i]; e[2]+=1
    pk = cls(data[i-1]) if i else 'none'
    e = prevcat[pk]; e[0]+=a[i]; e[1]+=b[i]; e[2]+=1
    if x == ord('[') and i and data[i-1] == ord('['): sq += 1
    if x == ord(']') and i and data[i-1] == ord(']') and sq>0: sq -= 1
    if x == ord('{') and i and data[i-1] == ord('{'): cu += 1
    if x == ord('}') and i and data[i-1] == ord('}') and cu>0: cu -= 1
    if x == 10:
        pos_in_line = 0; sq = 0
    else:
        if pos_in_line == 0: line_first = cls(x)
        pos_in_line += 1
def show(title, t):
    print("==", title)
    rows = sorted(t.items(), key=lambda kv: -(kv[1][0]-kv[1][1]))
    for k, (x, y, c) in rows[:int(sys.argv[4]) if len(sys.argv)>4 else 25]:
        print("%-12s n=%8d ours %9.0f peer %9.0f diff %+8.0f B (%+.1f %%)" % (k, c, x/8, y/8, (x-y)/8, 100*(x-y)/max(y,1)))
show("byte class", cat); show("markup", state); show("line starts with", linetype); show("previous byte class", prevcat)
