using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>Training a seed ensemble: member 1 is the single run, all members share rows and split, progress and cancellation per member.</summary>
public sealed class EnsembleTrainingTests
{
    private static readonly TrainerSettings Settings = new() { MaxEpochs = 6, BatchSize = 16, ValidationFraction = 0.25f, Seed = 7, Threads = 1 };
    private static readonly NetworkArchitecture Architecture = new(2, [12, 8], Activation.ReLU, 0.1f, 1);

    [Fact]
    public void MemberOneIsTheSingleRunAndEveryMemberTrainsOnTheSameRowsAndValidationSplit()
    {
        var data = ToyData.Circles(200, 3);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var ensemble = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 3, loss, data);

        var single = new NetworkTrainer(Settings).Train(Architecture, loss, data);
        Assert.Equal(NetworkSerializer.ToBytes(single.Network), NetworkSerializer.ToBytes(ensemble.Members[0].Network));

        // Member 2 again, alone: its own seed, but the run's split (drawn from the run's seed, the trainer's split stream 2)
        // passed as explicit training and validation rows, in the same order: the same network, bit for bit.
        var (trainRows, validationRows) = ValidationSplit.Split(data, Settings.ValidationFraction, stratify: true, DeterministicRandom.ForStream(Settings.Seed, 2));
        var memberSettings = Settings with { Seed = NetworkEnsemble.MemberSeed(Settings.Seed, 2) };
        var alone = new NetworkTrainer(memberSettings).Train(Architecture, loss, Subset(data, trainRows), Subset(data, validationRows));
        Assert.Equal(NetworkSerializer.ToBytes(alone.Network), NetworkSerializer.ToBytes(ensemble.Members[1].Network));
        Assert.NotEqual(NetworkSerializer.ToBytes(ensemble.Members[0].Network), NetworkSerializer.ToBytes(ensemble.Members[1].Network));

        NetworkEnsembleTests.AssertComputesMean(ensemble.Members.Select(member => member.Network).ToArray(), ensemble.Network, rows: 9);
        Assert.NotNull(ensemble.ValidationLoss);
        Assert.Equal(3, ensemble.Members.Count);
        Assert.False(ensemble.Cancelled);
        Assert.Equal(ensemble.Members[0].History.Epochs, ensemble.History.Epochs);
        Assert.Equal(ensemble.Members.Sum(member => member.History.TotalSeconds), ensemble.History.TotalSeconds, 9);
        Assert.StartsWith("An ensemble of 3 networks", ensemble.History.StopMessage);
        Assert.Contains("The history shown is member 1's: " + ensemble.Members[0].History.StopMessage, ensemble.History.StopMessage);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEnsembleAndOneMemberIsNoEnsemble()
    {
        var data = ToyData.Circles(120, 4);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        byte[] Merged(int threads) => NetworkSerializer.ToBytes(new NetworkTrainer(Settings with { Threads = threads }).TrainEnsemble(Architecture, 2, loss, data).Network);
        Assert.Equal(Merged(1), Merged(2));

        var one = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 1, loss, data);
        Assert.Same(one.Members[0].Network, one.Network);
        Assert.Same(one.Members[0].History, one.History);
    }

    [Fact]
    public void ProgressNamesTheMemberOfEachEpoch()
    {
        var reports = new List<EpochReport>();
        new NetworkTrainer(Settings with { ValidationFraction = 0 }).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: reports.Add);
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(member => Enumerable.Repeat(member, Settings.MaxEpochs)), reports.Select(report => report.Member));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Range(1, Settings.MaxEpochs)), reports.Select(report => report.Epoch));
    }

    [Fact]
    public void MembersTrainSideBySideOnlyWhereEveryProductIsTooSmallToSplitAndNothingCanStopTheFit()
    {
        var two = new NetworkTrainer(Settings with { Threads = 2 });
        Assert.Equal(2, two.SideBySide(Architecture, 3, 200, CancellationToken.None));
        Assert.Null(new NetworkTrainer(Settings).SideBySide(Architecture, 3, 200, CancellationToken.None)); // one thread
        Assert.Null(two.SideBySide(Architecture, 1, 200, CancellationToken.None));                          // one member
        using var stop = new CancellationTokenSource();
        Assert.Null(two.SideBySide(Architecture, 3, 200, stop.Token));                                     // a fit that can be stopped
        // 16 rows × 784 inputs × 128 units = 1,605,632 multiply-adds: the compute team splits that product.
        var wide = new NetworkArchitecture(784, [128], Activation.ReLU, 0f, 10);
        Assert.Null(two.SideBySide(wide, 3, 200, CancellationToken.None));
        Assert.Equal(2, two.SideBySide(wide, 3, 8, CancellationToken.None));                             // 8 rows: 802,816
    }

    [Fact]
    public void MembersSideBySideReportEveryEpochOneAtATimeInTheOrderOfOneAfterAnother()
    {
        var reports = new List<EpochReport>();
        int inside = 0, most = 0;
        void Progress(EpochReport report)
        {
            most = Math.Max(most, Interlocked.Increment(ref inside));
            Thread.Sleep(report.Member == 1 ? 5 : 1); // member 1 slow: the others train meanwhile, and their reports wait
            reports.Add(report);
            Interlocked.Decrement(ref inside);
        }
        var settings = Settings with { ValidationFraction = 0, Threads = 2 };
        var result = new NetworkTrainer(settings).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: Progress);

        Assert.Equal(1, most);
        Assert.Equal(3, result.Members.Count);
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(member => Enumerable.Repeat(member, settings.MaxEpochs)), reports.Select(report => report.Member));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Range(1, settings.MaxEpochs)), reports.Select(report => report.Epoch));
    }

    [Fact]
    public void HeldReportsOfLaterMembersComeAfterTheMembersBeforeThem()
    {
        var passed = new List<(int Member, int Epoch)>();
        var ordered = new MemberOrderedProgress(report => passed.Add((report.Member, report.Epoch)), 3);
        static EpochReport Epoch(int member, int epoch) => new(epoch, 0, null, null, 0f, 0, false) { Member = member };

        ordered.Report(Epoch(2, 1));
        ordered.Report(Epoch(1, 1));
        ordered.Report(Epoch(3, 1));
        ordered.Report(Epoch(2, 2));
        ordered.Finish(2);
        ordered.Finish(3);
        Assert.Equal([(1, 1)], passed);
        ordered.Report(Epoch(1, 2));
        ordered.Finish(1);

        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2), (3, 1)], passed);
    }

    [Fact]
    public void AFailureOfAMemberSideBySideIsThrownAsItself()
    {
        // Member 2's reports reach the callback live or, held, when member 1 finishes (member 1's slow callback makes that the
        // usual case): the exception is the callback's either way.
        for (int attempt = 0; attempt < 10; attempt++)
        {
            void Progress(EpochReport report)
            {
                if (report.Member == 1) Thread.Sleep(attempt % 2 * 5);
                if (report.Member == 2 && report.Epoch == 3) throw new InvalidOperationException("member 2 failed");
            }
            var error = Assert.Throws<InvalidOperationException>(() => new NetworkTrainer(Settings with { Threads = 2 })
                .TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: Progress));
            Assert.Equal("member 2 failed", error.Message);
        }
    }

    [Theory]
    [InlineData(1, 1, "cancelled during member 1 of 3: the model is member 1 alone")]
    [InlineData(2, 1, "cancelled during member 2 of 3: the model is member 1 alone")]
    [InlineData(3, 2, "cancelled during member 3 of 3, which was left out")]
    public void CancellationStartsNoFurtherMemberAndLeavesOutTheOneItCut(int cancelDuring, int kept, string said)
    {
        using var cancellation = new CancellationTokenSource();
        void Progress(EpochReport report)
        {
            if (report.Member == cancelDuring && report.Epoch == 2) cancellation.Cancel();
        }
        var result = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(200, 6), null, Progress, cancellation.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(kept, result.Members.Count);
        Assert.Equal(StopReason.Cancelled, result.History.StopReason);
        Assert.Contains(said, result.History.StopMessage);
        if (kept == 1) Assert.Same(result.Members[0].Network, result.Network);
        else NetworkEnsembleTests.AssertComputesMean(result.Members.Select(member => member.Network).ToArray(), result.Network, rows: 9);
    }

    [Fact]
    public void WithMemberFoldsEachMemberHoldsOutItsOwnFoldAndIsTheRunOnTheRestValidatedOnIt()
    {
        var data = ToyData.Circles(200, 3);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var settings = Settings with { ValidationFraction = 0f, MemberValidationFolds = true, MaxEpochs = 40, EarlyStoppingPatience = 3 };
        var ensemble = new NetworkTrainer(settings).TrainEnsemble(Architecture, 3, loss, data);

        // Three members deal the rows into ten folds (at least TrainerSettings.Defaults.MinimumMemberFolds), stratified, from the
        // run's seed (split stream 2); member r holds out fold r - 1 and is the run on the other rows validated on it, bit for bit.
        Assert.Equal(10, TrainerSettings.Defaults.MinimumMemberFolds);
        int[] foldOf = ValidationSplit.Folds(data, 10, stratify: true, DeterministicRandom.ForStream(settings.Seed, 2));
        for (int member = 1; member <= 3; member++)
        {
            int[] held = Enumerable.Range(0, data.Rows).Where(row => foldOf[row] == member - 1).ToArray();
            int[] kept = Enumerable.Range(0, data.Rows).Where(row => foldOf[row] != member - 1).ToArray();
            var alone = new NetworkTrainer(settings with { Seed = NetworkEnsemble.MemberSeed(settings.Seed, member) })
                .Train(Architecture, loss, Subset(data, kept), Subset(data, held));
            Assert.Equal(NetworkSerializer.ToBytes(alone.Network), NetworkSerializer.ToBytes(ensemble.Members[member - 1].Network));
            Assert.Equal((kept.Length, held.Length), (ensemble.Members[member - 1].History.TrainingRows, ensemble.Members[member - 1].History.ValidationRows));
            Assert.Equal(20, held.Length);
        }
        Assert.All(ensemble.Members, member => Assert.NotNull(member.History.KeptEpoch?.ValidationLoss));
        Assert.True(ensemble.MemberFolds);
        Assert.Null(ensemble.ValidationLoss); // no row is held out from every member
        Assert.StartsWith("An ensemble of 3 networks trained with their own seeds, each holding out its own fold of the training rows (20 of 200 for member 1)", ensemble.History.StopMessage);

        // The same ensemble on two threads (side by side) and one after another.
        Assert.Equal(NetworkSerializer.ToBytes(ensemble.Network), NetworkSerializer.ToBytes(new NetworkTrainer(settings with { Threads = 2 }).TrainEnsemble(Architecture, 3, loss, data).Network));
    }

    [Fact]
    public void MemberFoldsAreIgnoredWithValidationDataOrOneMemberAndRefusedWithFewerRowsThanFolds()
    {
        var data = ToyData.Circles(120, 4);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var folds = Settings with { MemberValidationFolds = true };
        byte[] Merged(TrainerSettings settings, int members, TrainingData? validation = null) =>
            NetworkSerializer.ToBytes(new NetworkTrainer(settings).TrainEnsemble(Architecture, members, loss, data, validation).Network);

        Assert.Equal(Merged(Settings, 2), Merged(folds, 2));                                            // ValidationFraction 0.25: the shared split
        var validation = ToyData.Circles(30, 9);
        Assert.Equal(Merged(Settings with { ValidationFraction = 0f }, 2, validation), Merged(folds with { ValidationFraction = 0f }, 2, validation));
        Assert.Equal(Merged(Settings with { ValidationFraction = 0f }, 1), Merged(folds with { ValidationFraction = 0f }, 1));
        Assert.False(new NetworkTrainer(folds).TrainEnsemble(Architecture, 2, loss, data).MemberFolds);

        var error = Assert.Throws<ArgumentException>(() => new NetworkTrainer(folds with { ValidationFraction = 0f }).TrainEnsemble(Architecture, 2, loss, ToyData.Circles(9, 1)));
        Assert.Contains("only 9 rows", error.Message);
        Assert.Contains("MemberValidationFolds", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FoldsHoldEveryRowOnceInNearlyEqualSharesOfEachClass(bool stratify)
    {
        var targets = Enumerable.Range(0, 103).Select(row => row < 23 ? 1f : 0f).ToArray();
        var data = new TrainingData(new float[103], 1, targets);
        int[] foldOf = ValidationSplit.Folds(data, 5, stratify, DeterministicRandom.ForStream(3, 2));

        Assert.All(foldOf, fold => Assert.InRange(fold, 0, 4));
        Assert.All(Enumerable.Range(0, 5), fold => Assert.InRange(foldOf.Count(f => f == fold), 20, 21));
        if (stratify) Assert.All(Enumerable.Range(0, 5), fold => Assert.InRange(Enumerable.Range(0, 23).Count(row => foldOf[row] == fold), 4, 5));
        Assert.Equal(foldOf, ValidationSplit.Folds(data, 5, stratify, DeterministicRandom.ForStream(3, 2)));
        Assert.NotEqual(foldOf, ValidationSplit.Folds(data, 5, stratify, DeterministicRandom.ForStream(4, 2)));
    }

    [Fact]
    public void RowsByClassGroupsTheRowsInClassOrderInArraysOfTheirOwn()
    {
        var data = new TrainingData(new float[6], 1, [2f, 0f, 2f, 1f, 0f, 2f]);
        var groups = data.RowsByClass();
        Assert.Equal([[1, 4], [3], [0, 2, 5]], groups);
        groups[0][0] = 99;
        Assert.Equal([1, 4], data.RowsByClass()[0]); // callers may shuffle what they get
    }

    [Fact]
    public void TheRarestClassIsDealtFirstSoThatTheFirstFoldsGetItsRows()
    {
        // 3 rows of class 1 among 102: dealt first, they land in folds 0, 1 and 2, those the first members hold out (dealt
        // in class order, after the 99 rows of class 0, they would land in folds 9, 0 and 1).
        var targets = Enumerable.Range(0, 102).Select(row => row % 34 == 5 ? 1f : 0f).ToArray();
        Assert.Equal(3, targets.Count(target => target == 1f));
        var data = new TrainingData(new float[102], 1, targets);
        int[] foldOf = ValidationSplit.Folds(data, 10, stratify: true, DeterministicRandom.ForStream(3, 2));
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 102).Where(row => targets[row] == 1f).Select(row => foldOf[row]).Order());
    }

    private static TrainingData Subset(TrainingData data, int[] rows) => new(
        rows.SelectMany(row => data.Features.AsSpan(row * data.FeatureCount, data.FeatureCount).ToArray()).ToArray(), data.FeatureCount,
        rows.Select(row => data.Targets[row]).ToArray());
}
