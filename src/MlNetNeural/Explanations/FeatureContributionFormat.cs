using MlNetNeural.Core.Attribution;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Explanations;

/// <summary>
/// The payload <see cref="MlpFeatureContributionTransformer"/> stores in an ML.NET model file (version 1): the task byte,
/// the MLP's own payload (its version, length and bytes, as its prediction transformer writes it), then the settings:
/// method, integration rule and steps, baseline kind and values, explained output, the two counts, normalize, and the
/// output column name. The MLP part keeps its own version so that a newer MLP payload format can be nested unchanged.
/// </summary>
internal static class FeatureContributionFormat
{
    public const uint Version = 1;

    public static void Write(BinaryWriter writer, MlpModelParameters model, string featureColumnName, ContributionSettings settings)
    {
        writer.Write((byte)model.Task);
        using (var buffer = new MemoryStream())
        {
            MlpModelFormat.Write(buffer, model, featureColumnName);
            writer.Write(MlpModelFormat.Version);
            writer.Write((int)buffer.Length);
            writer.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        writer.Write((byte)settings.Attribution.Method);
        writer.Write((byte)settings.Attribution.Rule);
        writer.Write(settings.Attribution.IntegrationSteps);
        writer.Write((byte)settings.BaselineKind);
        writer.Write(settings.Baseline.Length);
        foreach (float value in settings.Baseline) writer.Write(value);
        writer.Write(settings.ExplainedOutput);
        writer.Write(settings.PositiveCount);
        writer.Write(settings.NegativeCount);
        writer.Write(settings.Normalize);
        writer.Write(settings.OutputColumnName);
    }

    public static (MlpModelParameters Model, string FeatureColumnName, ContributionSettings Settings) Read(BinaryReader reader, uint version, ModelLoadBudget budget)
    {
        if (version != Version)
            throw new InvalidDataException($"This model's feature-contribution payload has version {version}; this MlNetNeural reads version {Version}. Upgrade MlNetNeural to load it.");
        var task = (MlpTask)reader.ReadByte();
        if (!Enum.IsDefined(task)) throw Corrupt($"it names MLP task {(int)task}");
        uint mlpVersion = reader.ReadUInt32();
        int mlpLength = ReadCount(reader, 1, "MLP payload bytes");
        // Read in place (no copy): the budget is charged for what the MLP's reader allocates, as for a model alone.
        long mlpStart = reader.BaseStream.Position;
        var mlp = new StreamWindow(reader.BaseStream, mlpStart, mlpLength);
        var (model, featureColumnName) = MlpModelFormat.Read(mlp, mlpVersion, task, budget);
        if (mlp.Position != mlpLength) throw Corrupt($"its MLP part holds {mlpLength - mlp.Position} unread bytes");
        reader.BaseStream.Position = mlpStart + mlpLength;

        var method = (AttributionMethod)reader.ReadByte();
        var rule = (IntegrationRule)reader.ReadByte();
        int steps = reader.ReadInt32();
        if (!Enum.IsDefined(method) || !Enum.IsDefined(rule))
            throw new InvalidDataException($"The model's feature contributions use method {(int)method} and integration rule {(int)rule}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        var baselineKind = (AttributionBaseline)reader.ReadByte();
        var baseline = new float[ReadCount(reader, sizeof(float), "baseline values")];
        for (int i = 0; i < baseline.Length; i++) baseline[i] = reader.ReadSingle();
        int explainedOutput = reader.ReadInt32();
        int positive = reader.ReadInt32(), negative = reader.ReadInt32();
        bool normalize = reader.ReadBoolean();
        string outputColumnName = reader.ReadString();
        var settings = new ContributionSettings(new AttributionSettings { Method = method, Rule = rule, IntegrationSteps = steps },
            baselineKind, baseline, explainedOutput, positive, negative, normalize, outputColumnName);
        try
        {
            settings.Check(model);
        }
        catch (ArgumentException e)
        {
            throw Corrupt(e.Message);
        }
        return (model, featureColumnName, settings);
    }

    private static int ReadCount(BinaryReader reader, int bytesEach, string what)
    {
        int count = reader.ReadInt32();
        long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * bytesEach > remaining)
            throw Corrupt($"it declares {count} {what} but {remaining} bytes remain");
        return count;
    }

    private static InvalidDataException Corrupt(string what) => new($"The model's feature-contribution transformer is corrupt: {what}.");
}
