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
/// because the metric, macro accuracy, weighs every class the same. On tables of enough columns some candidates train on the
/// columns most informative about the label only (<see cref="ColumnSelectionShare"/>, <see cref="InformativeColumnsCandidate"/>),
/// because an MLP cannot ignore uninformative inputs as trees do (Grinsztajn et al. 2022). Random candidates with periodic
/// embeddings also draw how fast those learn (<see cref="EmbeddingLearningRateFactor"/>).
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

    /// <summary>
    /// The periodic embeddings' learning-rate factor of a candidate with embeddings: log-uniform on this range (default 0.1,
    /// RealMLP's, to 3, the trainers' default). Small factors keep the embeddings smooth; larger ones let them learn sharp
    /// functions of a feature, which helped the tables where trees lead and made classifiers without early stopping
    /// over-confident (docs/trainers.md, sixth and seventh rounds), so the validation decides. Drawn from a generator of its own, so every other value of a candidate is the
    /// same whatever this range; a range of one value draws that value.
    /// </summary>
    public (float Min, float Max) EmbeddingLearningRateFactor { get; init; } = (Core.Layers.PeriodicEmbeddingSpec.DefaultLearningRateFactor, 3f);

    /// <summary>The learning-rate schedules drawn from (default constant, and cosine decay with one warm-up epoch).</summary>
    public IReadOnlyList<LearningRateScheduleKind> Schedules { get; init; } = [LearningRateScheduleKind.Constant, LearningRateScheduleKind.CosineWithWarmup];

    /// <summary>
    /// Candidates tried right after the defaults, before any random one: a wide single layer with heavy dropout, and a wider
    /// one with less, both with periodic embeddings and cosine decay. They did well across the repository's nine tables in
    /// the first searches (docs/cli.md), so a search of a minute tries them early on any table.
    /// </summary>
    public IReadOnlyList<MlpCandidate> Portfolio { get; init; } =
    [
        WideWithHeavyDropout,
        new([512], 0.3f, 1e-3f, 1e-3f, 64, true, LearningRateScheduleKind.CosineWithWarmup),
    ];

    /// <summary>
    /// The candidate tried right after the defaults on a table where at most half of the numeric, date and categorical columns
    /// (and at least <see cref="MinimumColumnsForSelection"/> of them) look informative (<see cref="ColumnRanking.InformativeCount"/> on the first
    /// fold's training rows: those that beat every column's score against a shuffled label): these values, with
    /// <see cref="MlpCandidate.TopColumns"/> set to that count. Without it a search of a minute on a wide table of few
    /// informative columns could end before a random candidate that selects columns reached the top rung. Default: the
    /// first portfolio candidate's values; null never tries it.
    /// </summary>
    public MlpCandidate? InformativeColumnsCandidate { get; init; } = WideWithHeavyDropout;

    // A property, not a static field: the static Default above is built first, before such a field would be set.
    private static MlpCandidate WideWithHeavyDropout => new([256], 0.5f, 4e-3f, 0.03f, 16, true, LearningRateScheduleKind.CosineWithWarmup);

    /// <summary>Whether candidates of multiclass tasks balance the classes (default true; the defaults candidate never does).</summary>
    public bool BalanceMulticlass { get; init; } = true;

    /// <summary>
    /// The share of random candidates that train on the most informative columns only (<see cref="MlpCandidate.TopColumns"/>;
    /// default 1/3, 0 turns column selection off). How many they keep is drawn by halving: half the columns, a quarter, and
    /// so on down to two, each as likely. Only on tables with at least <see cref="MinimumColumnsForSelection"/> numeric, date and
    /// categorical columns. These draws come from a generator of their own, so the other values of every candidate are the
    /// same with and without column selection.
    /// </summary>
    public double ColumnSelectionShare { get; init; } = 1.0 / 3;

    /// <summary>Rankable columns a table needs before candidates select among them (default 8).</summary>
    public int MinimumColumnsForSelection { get; init; } = 8;

    /// <summary>Candidate <paramref name="index"/> after the defaults: the portfolio's, then random draws.</summary>
    /// <param name="index">0 for the first candidate after the defaults.</param>
    /// <param name="random">The search's random generator (drawn from only past the portfolio).</param>
    /// <param name="columnRandom">The generator of the column selection draws (drawn from only past the portfolio).</param>
    /// <param name="embeddingRandom">The generator of the embeddings' learning-rate factors (drawn from only past the portfolio).</param>
    /// <param name="trainingRows">Rows a trial trains on, to keep the batch size below a few batches per epoch.</param>
    /// <param name="rankableColumns">The table's numeric, date and categorical feature columns (<see cref="TabularSchema.RankableFeatures"/>).</param>
    /// <param name="task">The task.</param>
    internal MlpCandidate Next(int index, Random random, Random columnRandom, Random embeddingRandom, int trainingRows, int rankableColumns, TabularTask task)
    {
        if (index < Portfolio.Count) return ForTask(Portfolio[index], task);
        var drawn = Draw(random, trainingRows);
        var candidate = drawn with
        {
            TopColumns = DrawTopColumns(columnRandom, rankableColumns),
            EmbeddingLearningRateFactor = DrawEmbeddingLearningRateFactor(embeddingRandom, drawn.PeriodicEmbeddings != false),
        };
        return ForTask(candidate, task);
    }

    /// <summary>Draws the embeddings' learning-rate factor (log-uniform on <see cref="EmbeddingLearningRateFactor"/>), or null for a candidate without embeddings.</summary>
    /// <param name="random">The factors' generator (advanced by one draw on every call, embeddings or not).</param>
    /// <param name="embeddings">Whether the candidate has periodic embeddings.</param>
    internal float? DrawEmbeddingLearningRateFactor(Random random, bool embeddings)
    {
        float factor = LogUniform(random, EmbeddingLearningRateFactor);
        return embeddings ? factor : null;
    }

    // Multiclass candidates balance the classes (BalanceMulticlass).
    private MlpCandidate ForTask(MlpCandidate candidate, TabularTask task) =>
        candidate with { BalanceClasses = BalanceMulticlass && task == TabularTask.MulticlassClassification };

    /// <summary>The <see cref="InformativeColumnsCandidate"/> keeping the informative columns, or null when the table does not call for it.</summary>
    /// <param name="informative">Counts the columns that look informative (called only when the table is wide enough for a selection).</param>
    /// <param name="rankableColumns">The table's numeric, date and categorical feature columns.</param>
    /// <param name="task">The task.</param>
    internal MlpCandidate? InformativeColumns(Func<int> informative, int rankableColumns, TabularTask task)
    {
        if (InformativeColumnsCandidate is not { } candidate || ColumnSelectionShare == 0 || rankableColumns < MinimumColumnsForSelection) return null;
        int count = informative();
        return count >= 1 && count * 2 <= rankableColumns
            ? ForTask(candidate with { TopColumns = count }, task)
            : null;
    }

    /// <summary>Draws how many columns a candidate keeps: null (all) for 1 - <see cref="ColumnSelectionShare"/> of the draws, else columns / 2^j for j = 1, 2, ... (at least 2), each as likely.</summary>
    /// <param name="random">The column selection's generator.</param>
    /// <param name="rankableColumns">The table's rankable columns.</param>
    internal int? DrawTopColumns(Random random, int rankableColumns)
    {
        // Both values are drawn on every call, so the generator advances the same way on any table.
        bool select = random.NextDouble() < ColumnSelectionShare;
        int halvings = (int)Math.Floor(Math.Log2(rankableColumns / 2.0));
        int halving = 1 + random.Next(Math.Max(1, halvings));
        if (!select || rankableColumns < MinimumColumnsForSelection) return null;
        return (int)Math.Ceiling(rankableColumns / Math.Pow(2, halving));
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
