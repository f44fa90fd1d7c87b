/*
 * sha256.c - SHA-256 (FIPS 180-4) of a letter's source bytes, so that
 * outputs record exactly which input they came from.
 *
 * On x86-64 processors with the SHA extensions the blocks go through
 * those instructions, some eight times faster than the portable code;
 * a batch hashes every file twice (to plan, then to record).  Both give
 * the same digests: the unit tests run each over the FIPS examples and
 * random lengths.
 */
#include <stdatomic.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

#include "internal.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
			      (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^
			      (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5],
		 g = h[6], k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
			      ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

#ifdef HAVE_SHA_NI
/* Whole 64-byte blocks through the SHA extensions. */
__attribute__((target("sha,sse4.1")))
static void blocks_sha_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
	/* Each 32-bit word of the message is big-endian. */
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
					    0x0405060700010203LL);
	/* The instructions keep the state as (A, B, E, F) and (C, D, G,
	 * H), highest lane first. */
	__m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
	for (; n >= 64; n -= 64, p += 64) {
		__m128i abef0 = abef, cdgh0 = cdgh, w[4];
		for (int i = 0; i < 4; i++)
			w[i] = _mm_shuffle_epi8(
				_mm_loadu_si128((const __m128i *)(p + 16 * i)),
				swap);
		/* Sixteen groups of four rounds; from the fifth on, each
		 * group's words come from the sixteen before them. */
		for (int r = 0; r < 16; r++) {
			if (r >= 4) {
				__m128i *x = &w[r % 4];
				const __m128i w15 = w[(r + 1) % 4],
					      w8 = w[(r + 2) % 4],
					      w4 = w[(r + 3) % 4];
				__m128i t = _mm_sha256msg1_epu32(*x, w15);
				t = _mm_add_epi32(t, _mm_alignr_epi8(w4, w8, 4));
				*x = _mm_sha256msg2_epu32(t, w4);
			}
			__m128i k = _mm_add_epi32(
				w[r % 4],
				_mm_loadu_si128((const __m128i *)&K[4 * r]));
			/* Two rounds make the old (A, B, E, F) the new
			 * (C, D, G, H); two more put them back in place. */
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
			k = _mm_shuffle_epi32(k, 0x0E);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, k);
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

static bool cpu_has_sha(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 29)))
		return false;
	/* The shuffles need SSSE3 and SSE4.1 (CPUID 1, ECX 9 and 19). */
	return __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) &&
	       (c & (1u << 19));
}
#endif

/* Whole 64-byte blocks of @p [0, n). */
static void blocks(uint32_t h[8], const unsigned char *p, size_t n,
		   bool hardware)
{
#ifdef HAVE_SHA_NI
	if (hardware) {
		blocks_sha_ni(h, p, n);
		return;
	}
#else
	(void)hardware;
#endif
	for (; n >= 64; n -= 64, p += 64)
		block(h, p);
}

bool lp_sha256_hardware(void)
{
#ifdef HAVE_SHA_NI
	/* CPUID is slow, and in a virtual machine slower still: ask once.
	 * Threads that ask at the same time get the same answer. */
	static atomic_int known = -1;
	int v = atomic_load_explicit(&known, memory_order_relaxed);
	if (v < 0) {
		v = cpu_has_sha();
		atomic_store_explicit(&known, v, memory_order_relaxed);
	}
	return v;
#else
	return false;
#endif
}

/* The digest of @data by the SHA instructions (@hardware) or the portable
 * code, as 32 bytes. */
static void digest(const void *data, size_t len, unsigned char out[32],
		   bool hardware)
{
	uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	const unsigned char *p = data;
	blocks(h, p, len, hardware);
	size_t n = len % 64;
	p += len - n;
	unsigned char tail[128] = { 0 };
	memcpy(tail, p, n);
	tail[n] = 0x80;
	size_t tlen = n + 1 + 8 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
	blocks(h, tail, tlen, hardware);
	for (int i = 0; i < 32; i++)
		out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

void lp_sha256(const void *data, size_t len, unsigned char out[32])
{
	digest(data, len, out, lp_sha256_hardware());
}

void lp_sha256_to_hex(const unsigned char sha[32], char out[65])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = digits[sha[i] >> 4];
		out[2 * i + 1] = digits[sha[i] & 15];
	}
	out[64] = '\0';
}

void lp_sha256_hex(const void *data, size_t len, char out[65])
{
	lp_sha256_hex_with(data, len, out, lp_sha256_hardware());
}

void lp_sha256_hex_with(const void *data, size_t len, char out[65],
			bool hardware)
{
	unsigned char sha[32];
	digest(data, len, sha, hardware);
	lp_sha256_to_hex(sha, out);
}
