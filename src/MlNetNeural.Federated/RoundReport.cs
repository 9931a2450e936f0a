namespace MlNetNeural.Federated;

/// <summary>A site left out of one round or of the input statistics, and why.</summary>
/// <param name="Site">The site's name.</param>
/// <param name="Step">The step it missed: "describe", "statistics", "training", "key exchange" or "masked sum".</param>
/// <param name="Reason">What happened (an error, a missed deadline, an unreachable silo).</param>
[GenerateSerializer, Immutable]
public sealed record SiteDrop([property: Id(0)] string Site, [property: Id(1)] string Step, [property: Id(2)] string Reason);

/// <summary>What one round of federated training did.</summary>
[GenerateSerializer, Immutable]
public sealed record RoundReport
{
    /// <summary>The round, from 1 (0 is the input-statistics step).</summary>
    [Id(0)] public int Round { get; init; }

    /// <summary>The sites whose updates are in the average.</summary>
    [Id(1)] public string[] Participants { get; init; } = [];

    /// <summary>The sites left out of this round, with the step and reason.</summary>
    [Id(2)] public SiteDrop[] Dropped { get; init; } = [];

    /// <summary>True when fewer than the minimum number of sites remained: the global model was left unchanged.</summary>
    [Id(3)] public bool Skipped { get; init; }

    /// <summary>Masking attempts the sum took (1 when no site dropped out between key exchange and masked sum).</summary>
    [Id(4)] public int MaskingAttempts { get; init; }

    /// <summary>Payload bytes the coordinator sent to sites in this round (requests, Orleans-serialized, headers not counted).</summary>
    [Id(5)] public long BytesToSites { get; init; }

    /// <summary>Payload bytes sites sent back (replies, Orleans-serialized, headers not counted).</summary>
    [Id(6)] public long BytesFromSites { get; init; }

    /// <summary>Wall-clock seconds of the round, local training included.</summary>
    [Id(7)] public double Seconds { get; init; }

    /// <summary>The participants' mean local training loss, weighted by rows; null with differential privacy (the noise would not cover it).</summary>
    [Id(8)] public double? TrainLoss { get; init; }

    /// <summary>One line for logs, e.g. "Round 3: 2 of 3 sites (hospital-b dropped in training: ...), 41.2 kB sent, 0.8 s".</summary>
    public override string ToString()
    {
        string dropped = Dropped.Length == 0 ? "" : " (" + string.Join("; ", Dropped.Select(d => $"{d.Site} dropped in {d.Step}: {d.Reason}")) + ")";
        string loss = TrainLoss is double value ? FormattableString.Invariant($", train loss {value:F4}") : "";
        string outcome = Skipped ? "skipped, model unchanged" : $"{Participants.Length} sites averaged";
        return FormattableString.Invariant($"Round {Round}: {outcome}{dropped}{loss}, {BytesToSites / 1000.0:F1} kB to sites, {BytesFromSites / 1000.0:F1} kB back, {Seconds:F2} s");
    }
}
