"""oauthlib's verifier on the same Twitter-sized request, for comparison with bench/verify.bench.ts.

Run by hand with Debian's python3-oauthlib (apt-get install python3-oauthlib):
    /usr/bin/python3 bench/oauthlib-verify.py [requests]
Signs N requests with oauthlib's own Client (unique nonces, current timestamp), then times
ResourceEndpoint.validate_protected_resource_request over them with a validator that knows the
one client and token and remembers nonces in a set, like MemoryNonceStore. Prints JSON.
"""
import json, sys, time, hmac, hashlib, base64
from oauthlib.oauth1 import Client, RequestValidator, ResourceEndpoint

CK, CS = 'xvz1evFS4wEEPTGEFPHBog', 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw'
TK, TS = '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE'
URL = 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true'
BODY = 'status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21'

class Validator(RequestValidator):
    enforce_ssl = False
    allowed_signature_methods = ('HMAC-SHA1',)
    nonce_length = (8, 128)
    def __init__(self): super().__init__(); self.nonces = set()
    @property
    def dummy_client(self): return 'dummy-client'
    @property
    def dummy_access_token(self): return 'dummy-token'
    def check_client_key(self, k): return True
    def check_access_token(self, t): return True
    def validate_client_key(self, k, r): return k == CK
    def validate_access_token(self, k, t, r): return t == TK
    def get_client_secret(self, k, r): return CS if k == CK else 'dummy'
    def get_access_token_secret(self, k, t, r): return TS if t == TK else 'dummy'
    def validate_realms(self, k, t, r, uri=None, realms=None): return True
    def validate_timestamp_and_nonce(self, k, ts, n, r, request_token=None, access_token=None):
        key = (k, access_token, n, ts)
        if key in self.nonces: return False
        self.nonces.add(key); return True

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    ts = str(int(time.time()))
    reqs = []
    for i in range(n):
        c = Client(CK, client_secret=CS, resource_owner_key=TK, resource_owner_secret=TS, nonce='n%dx%s' % (i, ts), timestamp=ts)
        uri, headers, body = c.sign(URL, http_method='POST', body=BODY, headers={'Content-Type': 'application/x-www-form-urlencoded'})
        reqs.append((uri, headers, body))
    endpoint = ResourceEndpoint(Validator())
    ok, _ = endpoint.validate_protected_resource_request(*[reqs[0][0]], http_method='POST', body=reqs[0][2], headers=reqs[0][1])
    assert ok, 'oauthlib rejected the first request'
    t = time.perf_counter()
    accepted = 0
    for uri, headers, body in reqs[1:]:
        valid, _ = endpoint.validate_protected_resource_request(uri, http_method='POST', body=body, headers=headers)
        accepted += valid
    dt = time.perf_counter() - t
    key = (CS + '&' + TS).encode()
    base = b'x' * 320
    t2 = time.perf_counter()
    for _ in range(n): base64.b64encode(hmac.new(key, base, hashlib.sha1).digest())
    floor = n / (time.perf_counter() - t2)
    print(json.dumps({'oauthlib': __import__('oauthlib').__version__, 'python': sys.version.split()[0], 'requests': n - 1, 'accepted': accepted,
                      'per_second': (n - 1) / dt, 'us_each': dt / (n - 1) * 1e6, 'python_hmac_floor_per_second': floor}))

main()
