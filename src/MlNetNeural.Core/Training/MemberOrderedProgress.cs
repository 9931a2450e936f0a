namespace MlNetNeural.Core.Training;

/// <summary>
/// Passes on the epoch reports of ensemble members trained side by side in the order training them one after another
/// gives: the lowest-numbered unfinished member's reports as they come, a later member's held until every member before it
/// has finished. The callback is never called from two threads at once.
/// </summary>
internal sealed class MemberOrderedProgress(Action<EpochReport> progress, int members)
{
    private readonly object _gate = new();
    private readonly List<EpochReport>[] _held = [.. Enumerable.Range(0, members).Select(_ => new List<EpochReport>())];
    private readonly bool[] _finished = new bool[members];
    private int _current = 1;

    /// <summary>Passes <paramref name="report"/> on now if its member is the current one, else holds it.</summary>
    public void Report(EpochReport report)
    {
        lock (_gate)
        {
            if (report.Member == _current) progress(report);
            else _held[report.Member - 1].Add(report);
        }
    }

    /// <summary>Marks <paramref name="member"/> finished; when it was the current one, passes on the next members' held reports.</summary>
    public void Finish(int member)
    {
        lock (_gate)
        {
            _finished[member - 1] = true;
            while (_current <= members && _finished[_current - 1])
            {
                _current++;
                if (_current > members) break;
                foreach (var report in _held[_current - 1]) progress(report);
                _held[_current - 1].Clear();
            }
        }
    }
}
