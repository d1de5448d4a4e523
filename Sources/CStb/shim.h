// CStb: the stb image codecs from Debian's libstb (implementations live in libstb.so).
#pragma once
#include <stb_image.h>
#include <stb_image_write.h>
#include <stb_image_resize.h>
