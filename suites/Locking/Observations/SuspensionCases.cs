
namespace Conformance.Suites.Locking.Observations;

/// <summary>The spec's list of what a suspended user should still be able to do, as concrete requests.</summary>
public enum PermittedAction
{
    Login,
    Sync,
    Messages,
    SendToDevice,
    QueryKeys,
    ClaimKeys,
    UploadKeys,
    CrossSigningKeys,
    CrossSigningSignatures,
    CreateKeyBackup,
    UploadRoomKeys,
    LeaveRoom,
    RejectInvite,
    RedactOwnEvent,
    Logout,
    DeleteDevice,
    Deactivate,
    AddAdminContact,
}

/// <summary>The spec's recommended set of forbidden actions.</summary>
public enum ForbiddenAction
{
    JoinRoom,
    Knock,
    AcceptInvite,
    SendInvite,
    SendMessage,
    ChangeProfile,
    RedactOthersEvent,
}

/// <summary>When a token's survival is judged: during the suspension, and once it is lifted.</summary>
public enum SuspensionStage { WhileSuspended, AfterUnsuspend }

/// <summary>The ways to a new session while suspended.</summary>
public enum NewSession { Login, Refresh }

/// <summary>Lock and suspension lifted one at a time.</summary>
public enum ModerationSeparation { UnlockKeepsSuspension, UnsuspendKeepsLock }

public static class ActionOperations
{
    /// <summary>The sweep operation that stands for a permitted action, or null for an action the
    /// scenario performs on its own (it needs fixtures or steps a sweep request does not have).</summary>
    public static string? SweepOperation(this PermittedAction action) => action switch
    {
        PermittedAction.Sync => "sync",
        PermittedAction.Messages => "getRoomEvents",
        PermittedAction.SendToDevice => "sendToDevice",
        PermittedAction.QueryKeys => "queryKeys",
        PermittedAction.ClaimKeys => "claimKeys",
        PermittedAction.UploadKeys => "uploadKeys",
        PermittedAction.CrossSigningKeys => "uploadCrossSigningKeys",
        PermittedAction.CrossSigningSignatures => "uploadCrossSigningSignatures",
        PermittedAction.CreateKeyBackup => "postRoomKeysVersion",
        PermittedAction.UploadRoomKeys => "putRoomKeys",
        PermittedAction.LeaveRoom => "leaveRoom",
        PermittedAction.RedactOwnEvent => "redactEvent",
        PermittedAction.AddAdminContact => "add3PID",
        _ => null,
    };

    /// <summary>The sweep operation that stands for a forbidden action, or null for a dedicated one.</summary>
    public static string? SweepOperation(this ForbiddenAction action) => action switch
    {
        ForbiddenAction.JoinRoom => "joinRoom",
        ForbiddenAction.Knock => "knockRoom",
        ForbiddenAction.SendInvite => "inviteUser",
        ForbiddenAction.SendMessage => "sendMessage",
        ForbiddenAction.ChangeProfile => "setProfileField",
        _ => null,
    };
}
