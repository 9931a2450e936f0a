namespace MlNetNeural.Core.Threading;

/// <summary>
/// When the compute team's caller runs phases alone. A stall (the caller waited far longer for a helper's chunk than a
/// chunk takes: the helper was descheduled holding it) that follows another within <see cref="StallWindow"/> team phases
/// means the machine has more runnable threads than cores: the caller then runs the next <see cref="FirstSoloPhases"/>
/// phases alone, doubling that for each further stall (up to <see cref="MaxSoloPhases"/>) until
/// <see cref="CleanPhasesToForgive"/> team phases pass without one. So a busy machine costs a run its second core, not a
/// descheduled helper's time slice per phase. A stall on its own starts nothing: on a quiet virtual machine a helper is
/// still descheduled for up to a few milliseconds every few hundred training steps (up to 5 stalls of 0.3-4.7 ms per epoch of workload W at
/// batch 128, about 3,000 team phases, on this project's 2-vCPU machine), and answering each of those with a solo period
/// left the run on one core for up to nine tenths of its phases (docs/core.md). Used by the lease holder only.
/// </summary>
internal sealed class StallPolicy
{
    /// <summary>Team phases within which a second stall counts as a busy machine.</summary>
    public const int StallWindow = 128;

    /// <summary>Phases the caller runs alone after the first pair of close stalls (a few training steps).</summary>
    public const int FirstSoloPhases = 64;

    /// <summary>The longest solo period (hundreds of steps): a machine that stays busy is left to one thread.</summary>
    public const int MaxSoloPhases = 4096;

    /// <summary>Team phases without a stall after which the solo period starts again from <see cref="FirstSoloPhases"/>.</summary>
    public const int CleanPhasesToForgive = 1000;

    private int _soloPhasesLeft, _soloPeriod = FirstSoloPhases, _cleanPhases;
    private long _teamPhases, _lastStall = -StallWindow - 1;

    /// <summary>True when the next phase should run on the caller alone (and counts it as run alone).</summary>
    public bool RunSolo()
    {
        if (_soloPhasesLeft == 0) return false;
        _soloPhasesLeft--;
        return true;
    }

    /// <summary>Records a phase the helpers took part in, and whether the caller's wait for them was a stall.</summary>
    public void AfterTeamPhase(bool stalled)
    {
        _teamPhases++;
        if (!stalled)
        {
            if (++_cleanPhases == CleanPhasesToForgive) _soloPeriod = FirstSoloPhases;
            return;
        }
        _cleanPhases = 0;
        bool followsAnother = _teamPhases - _lastStall <= StallWindow;
        _lastStall = _teamPhases;
        if (!followsAnother) return;
        _soloPhasesLeft = _soloPeriod;
        _soloPeriod = Math.Min(MaxSoloPhases, 2 * _soloPeriod);
    }
}
