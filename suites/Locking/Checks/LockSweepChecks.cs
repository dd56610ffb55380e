using Conformance.Harness.Catalogue;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>LK-001…LK-005: every required-auth operation, sent with a locked account's token.</summary>
public sealed class LockSweepChecks(LockingSuite suite)
{
    [Theory, Check("LK-001"), OperationCases(LockCategories.RequiredAuth)]
    public Task Locked_token_gets_401(string operation) => SweepJudge.Run(suite, "LK-001", LockCategories.RequiredAuth, operation, LockedAnswer.Status);

    [Theory, Check("LK-002"), OperationCases(LockCategories.RequiredAuth)]
    public Task Errcode_is_M_USER_LOCKED(string operation) => SweepJudge.Run(suite, "LK-002", LockCategories.RequiredAuth, operation, LockedAnswer.Errcode);

    [Theory, Check("LK-003"), OperationCases(LockCategories.RequiredAuth)]
    public Task Soft_logout_is_true(string operation) => SweepJudge.Run(suite, "LK-003", LockCategories.RequiredAuth, operation, LockedAnswer.SoftLogout);

    [Theory, Check("LK-004"), OperationCases(LockCategories.RequiredAuth)]
    public Task Lock_error_is_a_standard_error(string operation) => SweepJudge.Run(suite, "LK-004", LockCategories.RequiredAuth, operation, LockedAnswer.StandardError);

    [Theory, Check("LK-005"), OperationCases(LockCategories.RequiredAuth)]
    public Task Error_text_is_recorded(string operation) => SweepJudge.Run(suite, "LK-005", LockCategories.RequiredAuth, operation, LockedAnswer.ErrorText);
}
