using Conformance.Suites.Common;

namespace Conformance.Suites.Locking.Observations;

/// <summary>The two logout endpoints a locked user may still call.</summary>
public enum LogoutKind { Logout, LogoutAll }

/// <summary>When a token's survival is judged: during the lock, and once it is lifted.</summary>
public enum LockStage { WhileLocked, AfterUnlock }

/// <summary>The ways to a new access token that a lock must close.</summary>
public enum TokenGrant
{
    Login,
    Refresh,
    [Case("oauth-refresh")] OAuthRefresh,
}
