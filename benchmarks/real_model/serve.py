"""Run llama-cpp-python's OpenAI-compatible server with the CPU backend's extra buffer types off.

A CPU that reports Intel AMX inside a virtual machine that does not let a process use it makes llama.cpp's AMX
weight repacking die at the first request with a general protection fault (``ldtilecfg`` in libggml-cpu.so, seen
in ``dmesg``). With the extra buffer types (``use_extra_bufts``) off the weights stay in the plain AVX2/AVX-512
kernels. Arguments are those of ``python -m llama_cpp.server``; ``EXTRA_BUFTS=1`` keeps the repacking.
"""

import os

import llama_cpp.llama_cpp as low_level

if os.environ.get("EXTRA_BUFTS") != "1":
    _default_params = low_level.llama_model_default_params

    def _without_extra_buffer_types() -> low_level.llama_model_params:
        params = _default_params()
        params.use_extra_bufts = False
        return params

    low_level.llama_model_default_params = _without_extra_buffer_types

from llama_cpp.server.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main()
