"""The LLM client: any OpenAI-compatible chat-completions service, streaming, retries, classified errors.

Build the client once with :func:`build_client` and pass it to :func:`complete` (safe from several threads).
Heavy imports (``openai``) happen inside the functions, so importing this package stays cheap.
"""

from drafter.llm.answer import ThinkFilter, clean_answer, strip_reasoning
from drafter.llm.call import Completion, Usage, complete, request_params
from drafter.llm.client import build_client
from drafter.llm.failures import Cause, redact

__all__ = ["Cause", "Completion", "ThinkFilter", "Usage", "build_client", "clean_answer", "complete", "redact",
           "request_params", "strip_reasoning"]
