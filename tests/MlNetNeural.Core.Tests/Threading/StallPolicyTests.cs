using MlNetNeural.Core.Threading;

namespace MlNetNeural.Tests.Threading;

/// <summary>When the compute team's caller runs phases alone: after close stalls only, for a period that doubles and is forgiven.</summary>
public class StallPolicyTests
{
    [Fact]
    public void AStallOnItsOwnStartsNoSoloPeriod()
    {
        var policy = new StallPolicy();
        CleanPhases(policy, 10);
        policy.AfterTeamPhase(stalled: true);
        Assert.Equal(0, SoloPhasesAhead(policy));

        // The next stall comes after the window: still on its own.
        CleanPhases(policy, StallPolicy.StallWindow);
        policy.AfterTeamPhase(stalled: true);
        Assert.Equal(0, SoloPhasesAhead(policy));
    }

    [Fact]
    public void CloseStallsStartASoloPeriodThatDoublesUpToTheLongest()
    {
        var policy = new StallPolicy();
        policy.AfterTeamPhase(stalled: true);
        CleanPhases(policy, StallPolicy.StallWindow - 2);
        policy.AfterTeamPhase(stalled: true); // the window's last phase
        Assert.Equal(StallPolicy.FirstSoloPhases, SoloPhasesAhead(policy));

        int expected = StallPolicy.FirstSoloPhases;
        for (int stall = 0; stall < 10; stall++)
        {
            policy.AfterTeamPhase(stalled: true);
            expected = Math.Min(StallPolicy.MaxSoloPhases, 2 * expected);
            Assert.Equal(expected, SoloPhasesAhead(policy));
        }
        Assert.Equal(StallPolicy.MaxSoloPhases, expected);
    }

    [Fact]
    public void CleanPhasesForgiveTheLongerPeriods()
    {
        var policy = new StallPolicy();
        for (int stall = 0; stall < 4; stall++) policy.AfterTeamPhase(stalled: true);
        Assert.Equal(4 * StallPolicy.FirstSoloPhases, SoloPhasesAhead(policy));

        CleanPhases(policy, StallPolicy.CleanPhasesToForgive);
        policy.AfterTeamPhase(stalled: true);
        policy.AfterTeamPhase(stalled: true);
        Assert.Equal(StallPolicy.FirstSoloPhases, SoloPhasesAhead(policy));
    }

    [Fact]
    public void AFreshPolicyRunsWithTheHelpers() => Assert.False(new StallPolicy().RunSolo());

    private static void CleanPhases(StallPolicy policy, int count)
    {
        for (int i = 0; i < count; i++) policy.AfterTeamPhase(stalled: false);
    }

    /// <summary>How many phases the caller is told to run alone from now (runs them).</summary>
    private static int SoloPhasesAhead(StallPolicy policy)
    {
        int count = 0;
        while (policy.RunSolo()) count++;
        return count;
    }
}
