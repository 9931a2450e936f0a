using MlNetNeural.Core.Schedules;

namespace MlNetNeural.Tabular;

/// <summary>
/// Where <see cref="MlpSearch"/> draws its candidates from. Each candidate keeps every Mlp option at its default
/// (<c>new Mlp*Trainer.Options()</c>) except the ones drawn here; training uses AdamW (decoupled weight decay,
/// Loshchilov and Hutter 2019) so that the weight decay is searched in place of the L2 penalty. The epochs are not
/// drawn: they are the search's budget (<see cref="MlpSearchOptions.RungCount"/>). The ranges follow the MLP search
/// space of Gorishniy et al. 2021 ("Revisiting Deep Learning Models for Tabular Data", NeurIPS), narrowed to what a
/// search of a minute can explore (at most 3 layers of at most 512 units, learning rates from 3e-4). Before the random
/// candidates come the <see cref="Portfolio"/>'s (a warm start, as Auto-sklearn 2.0's portfolios; Feurer et al. 2022).
/// For multiclass tasks every candidate but the defaults balances the classes (<see cref="MlpCandidate.BalanceClasses"/>),
/// because the metric, macro accuracy, weighs every class the same.
/// </summary>
public sealed record MlpSearchSpace
{
    /// <summary>The space described above.</summary>
    public static MlpSearchSpace Default { get; } = new();

    /// <summary>Units per hidden layer, drawn uniformly (every hidden layer of a candidate has the same width): 32 to 512.</summary>
    public IReadOnlyList<int> Widths { get; init; } = [32, 64, 128, 256, 512];

    /// <summary>Hidden layers, drawn uniformly: 1 to 3.</summary>
    public IReadOnlyList<int> Depths { get; init; } = [1, 2, 3];

    /// <summary>Dropout after each hidden layer: uniform on this range, rounded to 0.05 (default 0 to 0.5).</summary>
    public (float Min, float Max) Dropout { get; init; } = (0f, 0.5f);

    /// <summary>Learning rate: log-uniform on this range (default 3e-4 to 1e-2: smaller steps rarely converge within the epochs of a short search).</summary>
    public (float Min, float Max) LearningRate { get; init; } = (3e-4f, 1e-2f);

    /// <summary>AdamW's decoupled weight decay: log-uniform on this range (default 1e-5 to 0.1).</summary>
    public (float Min, float Max) WeightDecay { get; init; } = (1e-5f, 0.1f);

    /// <summary>Rows per mini-batch, drawn uniformly among those that give at least <see cref="MinimumBatchesPerEpoch"/> batches: 16 to 256.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [16, 32, 64, 128, 256];

    /// <summary>Batch sizes that would give fewer mini-batches per epoch than this are not drawn (default 8).</summary>
    public int MinimumBatchesPerEpoch { get; init; } = 8;

    /// <summary>Whether periodic embeddings of the numeric features are drawn (on or off, even odds); false keeps the default.</summary>
    public bool SearchPeriodicEmbeddings { get; init; } = true;

    /// <summary>The learning-rate schedules drawn from (default constant, and cosine decay with one warm-up epoch).</summary>
    public IReadOnlyList<LearningRateScheduleKind> Schedules { get; init; } = [LearningRateScheduleKind.Constant, LearningRateScheduleKind.CosineWithWarmup];

    /// <summary>
    /// Candidates tried right after the defaults, before any random one: a wide single layer with heavy dropout, and a wider
    /// one with less, both with periodic embeddings and cosine decay. They did well across the repository's nine tables in
    /// the first searches (docs/cli.md), so a search of a minute tries them early on any table.
    /// </summary>
    public IReadOnlyList<MlpCandidate> Portfolio { get; init; } =
    [
        new([256], 0.5f, 4e-3f, 0.03f, 16, true, LearningRateScheduleKind.CosineWithWarmup),
        new([512], 0.3f, 1e-3f, 1e-3f, 64, true, LearningRateScheduleKind.CosineWithWarmup),
    ];

    /// <summary>Whether candidates of multiclass tasks balance the classes (default true; the defaults candidate never does).</summary>
    public bool BalanceMulticlass { get; init; } = true;

    /// <summary>Candidate <paramref name="index"/> after the defaults: the portfolio's, then random draws.</summary>
    /// <param name="index">0 for the first candidate after the defaults.</param>
    /// <param name="random">The search's random generator (drawn from only past the portfolio).</param>
    /// <param name="trainingRows">Rows a trial trains on, to keep the batch size below a few batches per epoch.</param>
    /// <param name="task">The task.</param>
    internal MlpCandidate Next(int index, Random random, int trainingRows, TabularTask task)
    {
        var candidate = index < Portfolio.Count ? Portfolio[index] : Draw(random, trainingRows);
        return candidate with { BalanceClasses = BalanceMulticlass && task == TabularTask.MulticlassClassification };
    }

    /// <summary>Draws one candidate.</summary>
    /// <param name="random">The search's random generator.</param>
    /// <param name="trainingRows">Rows a trial trains on, to keep the batch size below a few batches per epoch.</param>
    internal MlpCandidate Draw(Random random, int trainingRows)
    {
        int width = Pick(random, Widths);
        int depth = Pick(random, Depths);
        float dropout = MathF.Round((Dropout.Min + (float)random.NextDouble() * (Dropout.Max - Dropout.Min)) * 20f) / 20f;
        float learningRate = LogUniform(random, LearningRate);
        float weightDecay = LogUniform(random, WeightDecay);
        var batchSizes = BatchSizes.Where(b => b * MinimumBatchesPerEpoch <= trainingRows).DefaultIfEmpty(BatchSizes.Min()).ToList();
        int batchSize = Pick(random, batchSizes);
        bool periodic = SearchPeriodicEmbeddings && random.Next(2) == 1;
        var schedule = Pick(random, Schedules);
        return new MlpCandidate([.. Enumerable.Repeat(width, depth)], dropout, learningRate, weightDecay, batchSize, periodic, schedule);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static float LogUniform(Random random, (float Min, float Max) range)
    {
        double log = Math.Log(range.Min) + random.NextDouble() * (Math.Log(range.Max) - Math.Log(range.Min));
        return (float)Math.Exp(log);
    }
}
