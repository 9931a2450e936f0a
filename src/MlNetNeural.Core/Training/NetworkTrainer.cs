using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Trains a network by mini-batch gradient descent: shuffles each epoch from the seed, validates on a
/// held-out part or a given set, stops early and restores the best weights, and records the history.
/// The same settings, seed and data give bit-identical weights for any thread count.
/// </summary>
public sealed class NetworkTrainer
{
    private const int InitializationStream = 1, SplitStream = 2;
    private readonly TrainerSettings _settings;

    /// <summary>Creates a trainer with the given settings.</summary>
    /// <param name="settings">How to train; validated here.</param>
    public NetworkTrainer(TrainerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Builds a network of the given shape with seeded initial weights and trains it.</summary>
    /// <param name="architecture">The network's shape; its input and output sizes must match the data and loss.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows for early stopping; null to hold out <see cref="TrainerSettings.ValidationFraction"/> of <paramref name="train"/>.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellation">Stops training within the current mini-batch (between chunks of its matrix products); the model then holds the weights the history names.</param>
    public TrainingResult Train(NetworkArchitecture architecture, ILoss loss, TrainingData train, TrainingData? validation = null,
        Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(train);
        TrainingMemory.Check(architecture, _settings, train.Rows, validation is not null || _settings.ValidationFraction > 0);
        var network = architecture.Build(DeterministicRandom.ForStream(_settings.Seed, InitializationStream));
        return Train(network, loss, train, validation, progress, cancellation);
    }

    /// <summary>Trains an existing network further (its current weights are the starting point).</summary>
    /// <param name="network">The network to train in place.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows; null to hold out part of <paramref name="train"/>.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellation">Stops training within the current mini-batch; the model then holds the weights the history names.</param>
    public TrainingResult Train(Network network, ILoss loss, TrainingData train, TrainingData? validation = null,
        Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        var rows = Prepare(network, loss, train, validation);
        return Run(_settings, network, loss, train, rows, progress, cancellation);
    }

    /// <summary>
    /// Trains a seed ensemble: <paramref name="members"/> networks of <paramref name="architecture"/>, member r with seed
    /// <see cref="NetworkEnsemble.MemberSeed"/>(seed, r) for its initial weights, shuffling and dropout, all on the same
    /// training rows and the same validation rows (the split is drawn once, from the settings' seed), each with early
    /// stopping and best-epoch restore, or, with <see cref="TrainerSettings.MemberValidationFolds"/> and no validation data, each
    /// holding out its own fold of the rows (drawn once, from the settings' seed); then merges them into one network that averages their outputs
    /// (<see cref="NetworkEnsemble.Merge"/>). Member 1 is exactly the network <see cref="Train(NetworkArchitecture, ILoss, TrainingData, TrainingData?, Action{EpochReport}?, CancellationToken)"/>
    /// returns with these settings, and one member is no ensemble at all. Where every matrix product of a step is too small
    /// for the compute team to split and <paramref name="cancellation"/> cannot be cancelled, the members train side by side,
    /// one thread each, as many at once as there are threads: the same networks, in about half the time on two cores.
    /// </summary>
    /// <param name="architecture">The members' shape.</param>
    /// <param name="members">How many networks to train and average, at least 1.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows for early stopping; null to hold out <see cref="TrainerSettings.ValidationFraction"/> of <paramref name="train"/>.</param>
    /// <param name="progress">Called after every epoch of every member (<see cref="EpochReport.Member"/> says which), member after
    /// member as when they train one after another (a member trained side by side has its reports passed on when those before
    /// it have finished), never from two threads at once.</param>
    /// <param name="cancellation">
    /// Stops training within the current mini-batch and starts no further member. A member cut short is left out of the
    /// ensemble, unless it is member 1 (which then holds the weights its history names, as a single run would).
    /// </param>
    public EnsembleTrainingResult TrainEnsemble(NetworkArchitecture architecture, int members, ILoss loss, TrainingData train, TrainingData? validation = null,
        Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        bool folds = members > 1 && validation is null && _settings.ValidationFraction == 0f && _settings.MemberValidationFolds;
        TrainingMemory.Check(architecture, _settings, train.Rows, validation is not null || _settings.ValidationFraction > 0 || folds);
        var trained = new List<TrainingResult>(members);
        PreparedRows? rows = null;
        PreparedRows[]? memberRows = null;
        if (SideBySide(architecture, members, train.Rows, cancellation) is int parallel)
        {
            rows = Prepare(architecture.Build(DeterministicRandom.ForStream(NetworkEnsemble.MemberSeed(_settings.Seed, 1), InitializationStream)), loss, train, validation);
            memberRows = RowsOfMembers(rows, train, members, folds, loss.IsClassification);
            trained.AddRange(TrainSideBySide(architecture, parallel, loss, train, memberRows, progress));
        }
        else for (int member = 1; member <= members && !(member > 1 && cancellation.IsCancellationRequested); member++)
        {
            var settings = _settings with { Seed = NetworkEnsemble.MemberSeed(_settings.Seed, member) };
            var network = architecture.Build(DeterministicRandom.ForStream(settings.Seed, InitializationStream));
            rows ??= Prepare(network, loss, train, validation);
            memberRows ??= RowsOfMembers(rows, train, members, folds, loss.IsClassification);
            int number = member;
            var result = Run(settings, network, loss, train, memberRows[member - 1], progress is null ? null : report => progress(report with { Member = number }), cancellation);
            if (result.History.StopReason == StopReason.Cancelled && member > 1) break;
            trained.Add(result);
        }
        var merged = trained.Count == 1 ? trained[0].Network : NetworkEnsemble.Merge(trained.Select(result => result.Network).ToArray());
        var (validationLoss, validationMetric) = rows!.ValidationData is { } data
            ? new NetworkEvaluator(merged, loss, train.FeatureCount, train.TargetWidth, _settings.EffectiveThreads).Evaluate(data, rows.ValidationRows)
            : ((double?)null, (double?)null);
        bool cut = trained.Count < members || trained[^1].History.StopReason == StopReason.Cancelled;
        return new EnsembleTrainingResult(merged, trained, members, cut, validationLoss, validationMetric, folds);
    }

    /// <summary>
    /// The rows each member trains and validates on: <paramref name="rows"/> for all of them, or with <paramref name="folds"/>
    /// the training rows dealt into folds (<see cref="TrainerSettings.MemberValidationFolds"/>), member r holding out fold r.
    /// </summary>
    private PreparedRows[] RowsOfMembers(PreparedRows rows, TrainingData train, int members, bool folds, bool stratify)
    {
        if (!folds) return Enumerable.Repeat(rows, members).ToArray();
        int count = Math.Max(members, TrainerSettings.Defaults.MinimumMemberFolds);
        if (rows.TrainRows.Length < count)
            throw new ArgumentException($"MemberValidationFolds deals the training rows into {count} folds, one per member (at least " +
                $"{TrainerSettings.Defaults.MinimumMemberFolds}), but there are only {rows.TrainRows.Length} rows, so a member would have no validation rows. " +
                "Give more rows or turn MemberValidationFolds off.", nameof(train));
        int[] foldOf = ValidationSplit.Folds(train, count, stratify, DeterministicRandom.ForStream(_settings.Seed, SplitStream));
        return Enumerable.Range(0, members).Select(fold => new PreparedRows(
            rows.TrainRows.Where(row => foldOf[row] != fold).ToArray(), rows.TrainRows.Where(row => foldOf[row] == fold).ToArray(), train)).ToArray();
    }

    /// <summary>
    /// How many members to train at once, one thread each, or null to train them one after another on all the threads. Side
    /// by side only when every matrix product of a step is too small for the compute team to split (a thread each then loses
    /// nothing: default tabular networks fit as fast or faster on one thread than on two, docs/benchmarks.md) and nothing can
    /// stop the fit early (a stop keeps the members completed before it, which only one after another defines). Each member
    /// is the network one thread gives, which is the network any thread count gives, so the ensemble is the same either way.
    /// </summary>
    internal int? SideBySide(NetworkArchitecture architecture, int members, int rows, CancellationToken cancellation)
    {
        int threads = Math.Min(_settings.EffectiveThreads, members);
        if (threads < 2 || cancellation.CanBeCanceled) return null;
        long batch = Math.Min(_settings.BatchSize, rows);
        int width = architecture.InputSize;
        foreach (var spec in architecture.Layers)
        {
            int outputs = spec.SizeFor(width).OutputSize;
            bool product = spec is DenseSpec or SparseDenseSpec or LoraDenseSpec;
            if (product && batch * width * outputs >= Kernels.Gemm.InRunParallelThreshold) return null;
            width = outputs;
        }
        return threads;
    }

    /// <summary>Trains the members <paramref name="parallel"/> at a time, one thread each; progress in the order of one after another.</summary>
    private List<TrainingResult> TrainSideBySide(NetworkArchitecture architecture, int parallel, ILoss loss, TrainingData train,
        PreparedRows[] memberRows, Action<EpochReport>? progress)
    {
        int members = memberRows.Length;
        var results = new TrainingResult[members];
        var failures = new System.Runtime.ExceptionServices.ExceptionDispatchInfo?[members];
        var ordered = progress is null ? null : new MemberOrderedProgress(progress, members);
        int next = 0;
        void TrainMembers()
        {
            for (int member = Interlocked.Increment(ref next); member <= members; member = Interlocked.Increment(ref next))
                TrainMember(member);
        }
        void TrainMember(int member)
        {
            try
            {
                var settings = _settings with { Seed = NetworkEnsemble.MemberSeed(_settings.Seed, member), Threads = 1 };
                var network = architecture.Build(DeterministicRandom.ForStream(settings.Seed, InitializationStream));
                Action<EpochReport>? report = ordered is null ? null : epoch => ordered.Report(epoch with { Member = member });
                results[member - 1] = Run(settings, network, loss, train, memberRows[member - 1], report, CancellationToken.None);
            }
            catch (Exception e)
            {
                failures[member - 1] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
            try
            {
                ordered?.Finish(member); // may pass on later members' held reports, and so throw what the callback throws
            }
            catch (Exception e)
            {
                failures[member - 1] ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        }
        // Threads of their own (a member trains for seconds), not the thread pool's, which a busy host may not lend at once.
        var helpers = Enumerable.Range(1, parallel - 1)
            .Select(_ => Task.Factory.StartNew(TrainMembers, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        TrainMembers();
        Task.WaitAll(helpers);
        // The failure of the lowest-numbered member, as training one after another would have thrown it first.
        Array.Find(failures, failure => failure is not null)?.Throw();
        return [.. results];
    }

    /// <summary>The checks before training and the rows it uses (the validation split drawn from the settings' seed).</summary>
    private PreparedRows Prepare(Network network, ILoss loss, TrainingData train, TrainingData? validation)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        CheckCompatible(network, loss, train, "training");
        _settings.Proximal?.CheckFits(network);
        loss.ValidateTargets(train.Targets);
        if (loss.IsClassification) RequireTwoClasses(train);
        if (validation is not null)
        {
            CheckCompatible(network, loss, validation, "validation");
            try
            {
                loss.ValidateTargets(validation.Targets);
            }
            catch (InvalidTrainingDataException e)
            {
                throw e.InData("validation");
            }
        }
        var (trainRows, validationRows, validationData) = ChooseRows(train, validation, loss.IsClassification);
        if (trainRows.Length == 0) throw new ArgumentException("There are no training rows.", nameof(train));
        return new PreparedRows(trainRows, validationRows, validationData);
    }

    private static TrainingResult Run(TrainerSettings settings, Network network, ILoss loss, TrainingData train, PreparedRows rows,
        Action<EpochReport>? progress, CancellationToken cancellation)
    {
        var freezing = LayerFreezing.For(network, settings.TrainableLayers);
        return new TrainingRun(settings, network, freezing, loss, train, rows.TrainRows, rows.ValidationData, rows.ValidationRows, progress, cancellation).Execute();
    }

    /// <summary>The training rows, and the validation rows of <paramref name="ValidationData"/> (the training data itself for a split), if any.</summary>
    private sealed record PreparedRows(int[] TrainRows, int[] ValidationRows, TrainingData? ValidationData);

    private (int[] Train, int[] Validation, TrainingData? ValidationData) ChooseRows(TrainingData train, TrainingData? validation, bool stratify)
    {
        if (validation is not null) return (Enumerable.Range(0, train.Rows).ToArray(), Enumerable.Range(0, validation.Rows).ToArray(), validation);
        if (_settings.ValidationFraction == 0f) return (Enumerable.Range(0, train.Rows).ToArray(), [], null);
        var (trainRows, validationRows) = ValidationSplit.Split(train, _settings.ValidationFraction, stratify, DeterministicRandom.ForStream(_settings.Seed, SplitStream));
        if (validationRows.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainerSettings.ValidationFraction), _settings.ValidationFraction,
                $"ValidationFraction {_settings.ValidationFraction} of {train.Rows} training rows holds out no row " +
                (stratify ? "(each class keeps at least one training row and holds out its fraction, rounded)" : "(the fraction is rounded)") +
                ", so there would be no validation and no early stopping. Give more rows, pass a validation set, or set ValidationFraction to 0.");
        }
        return (trainRows, validationRows, train);
    }

    /// <summary>A classifier learns nothing from one class: refuse training targets (first per row) that are all equal.</summary>
    private static void RequireTwoClasses(TrainingData train)
    {
        if (train.Rows == 0) return;
        float first = train.Targets[0];
        for (int row = 1; row < train.Rows; row++) if (train.Targets[row * train.TargetWidth] != first) return;
        throw new InvalidTrainingDataException(TrainingDataPart.Classes, train.Rows, 0, first, "a classifier needs examples of at least two classes");
    }

    private static void CheckCompatible(Network network, ILoss loss, TrainingData data, string role)
    {
        if (data.FeatureCount != network.InputSize)
            throw new ArgumentException($"The {role} data has {data.FeatureCount} features per row but the network expects {network.InputSize}.");
        if (loss.OutputSize != network.OutputSize)
            throw new ArgumentException($"The loss expects {loss.OutputSize} network outputs but the network has {network.OutputSize}.");
        if (data.TargetWidth != loss.TargetSize)
            throw new ArgumentException($"The {role} data has {data.TargetWidth} targets per row but the loss expects {loss.TargetSize}.");
    }
}
