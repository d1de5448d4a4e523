// CLibCrypto: the system's OpenSSL libcrypto (Debian's libssl-dev), for SHA-256 only.
#pragma once
#include <openssl/evp.h>
#include <openssl/sha.h>
