namespace MlNetNeural.Federated.Protocol;

/// <summary>Where a study stands.</summary>
[GenerateSerializer]
internal enum StudyState
{
    /// <summary>Describing sites and aggregating input statistics.</summary>
    Preparing = 0,
    /// <summary>Running rounds.</summary>
    Training = 1,
    /// <summary>Every round ran.</summary>
    Completed = 2,
    /// <summary>The study cannot go on; see the failure message.</summary>
    Failed = 3,
    /// <summary>Cancelled by the client.</summary>
    Cancelled = 4,
}

/// <summary>The coordinator's persisted state, which is also what clients read.</summary>
[GenerateSerializer]
internal sealed class StudyStatus
{
    /// <summary>The plan the study runs.</summary>
    [Id(0)] public FederatedPlan? Plan { get; set; }

    /// <summary>Where it stands.</summary>
    [Id(1)] public StudyState State { get; set; }

    /// <summary>Why it failed, when it did.</summary>
    [Id(2)] public string? Failure { get; set; }

    /// <summary>Features per row, agreed by the sites.</summary>
    [Id(3)] public int FeatureCount { get; set; }

    /// <summary>The label's classes, agreed by the sites.</summary>
    [Id(4)] public string[] ClassNames { get; set; } = [];

    /// <summary>The global network after the last completed round (network file format).</summary>
    [Id(5)] public byte[]? Network { get; set; }

    /// <summary>Rounds completed (aggregated or skipped).</summary>
    [Id(6)] public int CompletedRounds { get; set; }

    /// <summary>One report per completed round; the first, round 0, covers the input statistics when they were aggregated.</summary>
    [Id(7)] public List<RoundReport> Reports { get; set; } = [];

    /// <summary>Rounds whose sum was released with DP noise.</summary>
    [Id(8)] public int NoisedReleases { get; set; }

    /// <summary>Rows in the last aggregated round (a sum over sites; none of them is known alone).</summary>
    [Id(9)] public double TotalRows { get; set; }

    /// <summary>Seconds spent so far, across restarts.</summary>
    [Id(10)] public double Seconds { get; set; }
}
