using Conformance.Harness.Matrix;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>With a token from the OAuth 2.0 API: a first upload of cross-signing keys, then an upload of
/// different ones, which needs user-interactive authentication (for such a token, the m.oauth stage).</summary>
public sealed record CrossSigningReplacement(MatrixResponse First, MatrixResponse Replace);
