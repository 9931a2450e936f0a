using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Models.Format;

/// <summary>One kind of section of an MLP payload (version 2): its code, whether it is critical, and how it is written and read.</summary>
/// <param name="Code">The code in the file; never reused or renumbered.</param>
/// <param name="Name">A readable name, for messages.</param>
/// <param name="Critical">Whether a reader that does not know the code must refuse the file (it changes predictions or labels).</param>
/// <param name="Write">Writes the body for a model and its feature column; must write the same bytes every time.</param>
/// <param name="Read">Reads the body into the contents being assembled.</param>
internal sealed record MlpSection(ushort Code, string Name, bool Critical,
    Action<BinaryWriter, MlpModelParameters, string> Write, Action<PayloadReader, MlpModelContents> Read);

/// <summary>
/// The table of MLP payload sections. To store something new, add a section here with the next free code (7) and mark it
/// critical when it changes what the model predicts (a decision threshold), ancillary otherwise (fine-tuning provenance):
/// older readers then refuse or skip it correctly, and the payload version stays 2.
/// </summary>
internal static class MlpSections
{
    /// <summary>Every known section, in the order they are written.</summary>
    public static IReadOnlyList<MlpSection> All { get; } =
    [
        new(1, "feature column", Critical: true,
            (writer, _, featureColumn) => writer.Write(featureColumn),
            (reader, contents) => contents.FeatureColumnName = reader.ReadString("feature column name")),
        new(2, "class names", Critical: true,
            (writer, model, _) => WriteStrings(writer, model.ClassNames),
            (reader, contents) => contents.ClassNames = ReadStrings(reader, "class names")),
        new(3, "network", Critical: true,
            (writer, model, _) => NetworkSerializer.Write(model.Network, writer.BaseStream),
            (reader, contents) => contents.Network = ReadNetwork(reader, reader.Remaining)),
        new(4, "trainer options", Critical: false,
            (writer, model, _) => WriteOptions(writer, model.TrainerOptions),
            (reader, contents) => contents.TrainerOptions = ReadOptions(reader)),
        new(5, "training history", Critical: false,
            (writer, model, _) => WriteHistory(writer, model.History, withStartingLoss: true),
            (reader, contents) => contents.History = ReadHistory(reader, withStartingLoss: true)),
    ];

    /// <summary>
    /// Section 6, the decision threshold of a binary MLP (float32, a probability strictly between 0 and 1), written by
    /// <see cref="MlpModelFormat.Write"/> only when the transformer's threshold is not the default 0.5
    /// (<c>ChangeMlpThreshold</c>). Critical: it changes PredictedLabel, so a reader that does not know it must refuse
    /// the file; models with the default threshold do not hold it and stay readable by every version-2 reader.
    /// </summary>
    public const ushort DecisionThresholdCode = 6;

    /// <summary>Reads the body of section <see cref="DecisionThresholdCode"/>.</summary>
    public static float ReadDecisionThreshold(PayloadReader reader)
    {
        float threshold = reader.ReadSingle("decision threshold");
        return threshold > 0f && threshold < 1f
            ? threshold
            : throw ModelFileErrors.Corrupt($"its decision threshold is {threshold}, which is not a probability between 0 and 1");
    }

    private static readonly Dictionary<ushort, MlpSection> ByCode = All.ToDictionary(section => section.Code);

    /// <summary>The section with <paramref name="code"/>, or null when this version does not know it.</summary>
    public static MlpSection? Find(ushort code) => ByCode.GetValueOrDefault(code);

    /// <summary>A network of <paramref name="length"/> bytes at the reader's position, read in place after charging its size.</summary>
    public static Core.Layers.Network ReadNetwork(PayloadReader reader, long length)
    {
        reader.Budget.Charge(length, "network weights");
        try
        {
            return NetworkSerializer.Read(reader.Stream, length);
        }
        catch (InvalidNetworkFileException e)
        {
            throw ModelFileErrors.Corrupt($"its network cannot be read: {e.Message.TrimEnd('.')}");
        }
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (string value in values) writer.Write(value);
    }

    public static string[] ReadStrings(PayloadReader reader, string what)
    {
        var values = new string[reader.ReadCount(what, bytesPerItem: 1)];
        reader.Budget.Charge(values.Length * (long)IntPtr.Size, what);
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadString($"{what} {i}");
        return values;
    }

    public static void WriteOptions(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, string>> options)
    {
        writer.Write(options.Count);
        foreach (var (name, value) in options)
        {
            writer.Write(name);
            writer.Write(value);
        }
    }

    public static List<KeyValuePair<string, string>> ReadOptions(PayloadReader reader)
    {
        int count = reader.ReadCount("trainer options", bytesPerItem: 2);
        reader.Budget.Charge(count * 24L, "trainer options");
        var options = new List<KeyValuePair<string, string>>(count);
        for (int i = 0; i < count; i++) options.Add(new(reader.ReadString($"name of trainer option {i}"), reader.ReadString($"value of trainer option {i}")));
        return options;
    }

    /// <summary>Bytes of one epoch in the file (int32, 3 × float64, float32, float64, Boolean) and the memory its report takes.</summary>
    private const int EpochFileBytes = 4 + 3 * 8 + 4 + 8 + 1, EpochMemoryBytes = 96;

    /// <summary>The history's fields; version 2 adds the starting loss after the epochs.</summary>
    public static void WriteHistory(BinaryWriter writer, TrainingHistory history, bool withStartingLoss)
    {
        writer.Write(history.MetricName);
        writer.Write(history.BestEpoch);
        writer.Write((int)history.StopReason);
        writer.Write(history.StopMessage);
        writer.Write(history.TrainingRows);
        writer.Write(history.ValidationRows);
        writer.Write(history.TotalSeconds);
        writer.Write(history.Epochs.Count);
        foreach (var epoch in history.Epochs)
        {
            writer.Write(epoch.Epoch);
            writer.Write(epoch.TrainLoss);
            writer.Write(epoch.ValidationLoss ?? double.NaN);
            writer.Write(epoch.ValidationMetric ?? double.NaN);
            writer.Write(epoch.LearningRate);
            writer.Write(epoch.Seconds);
            writer.Write(epoch.IsBest);
        }
        if (withStartingLoss) writer.Write(history.StartingLoss);
    }

    public static TrainingHistory ReadHistory(PayloadReader reader, bool withStartingLoss)
    {
        string metricName = reader.ReadString("metric name");
        int bestEpoch = reader.ReadInt32("best epoch");
        int stopReason = reader.ReadInt32("stop reason");
        if (!Enum.IsDefined((StopReason)stopReason)) throw ModelFileErrors.Corrupt($"its training history ends with stop reason {stopReason}, which does not exist");
        string stopMessage = reader.ReadString("stop message");
        int trainingRows = reader.ReadInt32("training rows"), validationRows = reader.ReadInt32("validation rows");
        double totalSeconds = reader.ReadDouble("training time");
        var epochs = new EpochReport[reader.ReadCount("epochs", EpochFileBytes)];
        reader.Budget.Charge(epochs.Length * (long)EpochMemoryBytes, "training history");
        for (int i = 0; i < epochs.Length; i++)
        {
            int epoch = reader.ReadInt32("epoch number");
            double trainLoss = reader.ReadDouble("training loss"), validationLoss = reader.ReadDouble("validation loss"), metric = reader.ReadDouble("validation metric");
            float rate = reader.ReadSingle("learning rate");
            double seconds = reader.ReadDouble("epoch time");
            bool isBest = reader.ReadBoolean("best-epoch flag");
            epochs[i] = new EpochReport(epoch, trainLoss, double.IsNaN(validationLoss) ? null : validationLoss,
                double.IsNaN(metric) ? null : metric, rate, seconds, isBest);
        }
        if (bestEpoch < 0 || bestEpoch > epochs.Length) throw ModelFileErrors.Corrupt($"its training history names epoch {bestEpoch} of {epochs.Length} as the one the model holds");
        double startingLoss = withStartingLoss ? reader.ReadDouble("starting loss") : double.NaN;
        return TrainingHistory.Restore(metricName, bestEpoch, (StopReason)stopReason, stopMessage, trainingRows, validationRows, totalSeconds, epochs, startingLoss);
    }
}
