import sys, re, collections
# Charges each JFR sample under a root frame to a cost category (benchmarks/README.md, issue 23).
# usage: jfr print --events jdk.ExecutionSample --stack-depth 96 x.jfr | python3 benchmarks/jfr-categories.py <root-method-substring>
root = sys.argv[1]
rules = [
 (r'^fi\.suoja\.jpa\.internal\.(BlindIndexEquality|SuojaSqm)', 'query rewrite / post-filter'),
 (r'(GaloisCounterMode|GHASH|AESCrypt|com\.sun\.crypto\.provider\.|javax\.crypto\.Cipher\.|CipherCore)', 'AEAD (JCE)'),
 (r'^java\.util\.Base64', 'Base64/text'),
 (r'^(java\.lang\.String\.<init>|java\.lang\.String\.decode|java\.lang\.StringCoding|sun\.nio\.cs\.UTF_8)', 'String decoding'),
 (r'^java\.util\.UUID\.randomUUID|SecureRandom', 'audit event'),
 (r'^fi\.suoja\.(masking|SensitiveValues|logging)|SensitiveValues|Masker|Trie', 'masking registration'),
 (r'^fi\.suoja\.crypto\.', 'envelope parse + key lookup'),
 (r'^fi\.suoja\.audit\.', 'audit event'),
 (r'^fi\.suoja\.policy\.(CareAccessPolicy|IncidentGrants)', 'decision'),
 (r'^fi\.suoja\.policy\.', 'decision + guard'),
 (r'^fi\.suoja\.Suoja\.', 'masking registration'),
 (r'^fi\.suoja\.jpa\.internal\.', 'listener bookkeeping / state copies'),
 (r'^fi\.suoja\.', 'other suoja'),
 (r'^(org\.hibernate|org\.h2|org\.postgresql|org\.mariadb)', 'Hibernate + JDBC (baseline work)'),
]
cnt = collections.Counter(); total=0
stack=[]; inst=False
def flush(st):
    global total
    if not any(root in f for f in st): return
    total+=1
    for f in st:
        for pat, cat in rules:
            if re.search(pat, f):
                cnt[cat]+=1; return
    cnt['other JDK'] += 1
for line in sys.stdin:
    s=line.strip()
    if s.startswith('stackTrace = ['):
        inst=True; stack=[]; continue
    if inst:
        if s.startswith(']'):
            inst=False; flush(stack); continue
        if s and not s.startswith('...'):
            stack.append(s)
print('samples', total)
for k,v in cnt.most_common():
    print(f'{k:45s} {v:6d} {100.0*v/total:5.1f}%')
