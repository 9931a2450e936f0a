using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using MlNetNeural.Core.IO;

namespace MlNetNeural.Tabular;

/// <summary>
/// A fitted scoring pipeline for a table (the featurization and a trainer, without the label conversion) together with
/// the column decisions it was trained with, so it can read a new CSV by itself. <see cref="Save"/> writes one ordinary
/// ML.NET model zip (any <c>MLContext</c> loads it with <c>RegisterMlNetNeural()</c> and <c>ml.Model.Load</c>) that also
/// carries the decisions as the entry <see cref="SchemaEntryName"/>; <see cref="Load"/> reads both back.
/// </summary>
/// <example><code>
/// var model = TabularModel.Load(ml, "out/model.zip");
/// var data = model.ReadForPrediction(CsvTable.Read("new-applicants.csv"));
/// IDataView scored = model.Pipeline.Transform(data.ToDataView());
/// </code></example>
public sealed class TabularModel
{
    /// <summary>The zip entry that holds the column decisions (<see cref="TabularSchema.ToJson"/>).</summary>
    public const string SchemaEntryName = "MlNetNeural.Tabular/Schema.json";

    /// <summary>
    /// The most bytes the entry <see cref="SchemaEntryName"/> may hold: 16 MiB. The decisions of a 3,000-column table
    /// take about 0.8 MB (measured: 804,864 bytes), so real files stay far below it, while a damaged or crafted entry (a zip
    /// entry of a few hundred kilobytes can expand to gigabytes) is refused by its declared length before it is read, and
    /// no more than that length is ever read, even where the zip's compressed data would expand further.
    /// </summary>
    public const int MaxSchemaBytes = 16 * 1024 * 1024;

    /// <summary>Creates the model.</summary>
    /// <param name="pipeline">The fitted scoring pipeline: it reads the typed columns of a <see cref="TabularDataset"/> and does not need the label.</param>
    /// <param name="inputSchema">The schema of the data it was fitted on (a <see cref="TabularDataset"/>'s data view).</param>
    /// <param name="decisions">The column decisions the data was typed with.</param>
    public TabularModel(ITransformer pipeline, DataViewSchema inputSchema, TabularSchema decisions)
    {
        Pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        InputSchema = inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));
        Decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
    }

    /// <summary>The fitted scoring pipeline (featurization and trainer); its outputs are the trainer's (<c>Score</c>, <c>PredictedLabel</c>, <c>Probability</c>).</summary>
    public ITransformer Pipeline { get; }

    /// <summary>The schema of the data the pipeline reads.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The label, the task and what every column became.</summary>
    public TabularSchema Decisions { get; }

    /// <summary>The task.</summary>
    public TabularTask Task => Decisions.Label.Task;

    /// <summary>Types a table with the model's decisions (its own format is sniffed when it is read).</summary>
    /// <param name="table">The table: every feature column the model uses must be there, by name.</param>
    /// <param name="requireLabel">Whether the label must be there (true to evaluate, false to predict).</param>
    /// <exception cref="TabularDataException">A column is missing, a numeric column holds a non-number, or a label is not a known class.</exception>
    public TabularDataset Read(CsvTable table, bool requireLabel) => TabularDataset.Create(Decisions, table, requireLabel);

    /// <summary>Types a table to predict on: every row in file order, the label column (if any) ignored (<see cref="TabularDataset.ForPrediction"/>).</summary>
    /// <param name="table">The table: every feature column the model uses must be there, by name.</param>
    /// <exception cref="TabularDataException">A column is missing, or a numeric column holds a non-number.</exception>
    public TabularDataset ReadForPrediction(CsvTable table) => TabularDataset.ForPrediction(Decisions, table);

    /// <summary>Scores a typed table and adds the converted label as <paramref name="labelColumnName"/>, ready for ML.NET's evaluators.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="data">Rows typed by <see cref="Read"/> with their label.</param>
    /// <param name="labelColumnName">The converted label column (default <c>Label</c>).</param>
    public IDataView ScoreWithLabel(MLContext ml, IDataView data, string labelColumnName = "Label")
    {
        var scored = Pipeline.Transform(data);
        return TabularLabelConversion.Create(ml, Decisions.Label, labelColumnName).Fit(scored).Transform(scored);
    }

    /// <summary>
    /// Saves the model all-or-nothing (a failed save leaves an existing file as it was): ML.NET's model zip of
    /// <see cref="Pipeline"/> and <see cref="InputSchema"/>, plus the entry <see cref="SchemaEntryName"/>.
    /// </summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="path">The file, conventionally <c>model.zip</c>; its directory must exist.</param>
    /// <exception cref="IOException">Writing failed; the message names the file.</exception>
    public void Save(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var buffer = new MemoryStream();
        ml.Model.Save(Pipeline, InputSchema, buffer);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.CreateEntry(SchemaEntryName, CompressionLevel.Optimal);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(Decisions.ToJson());
        }
        try
        {
            AtomicFile.Write(path, stream => buffer.WriteTo(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not save the model to '{Path.GetFullPath(path)}': {e.Message} Any file previously at that path is unchanged.", e);
        }
    }

    /// <summary>Loads a model written by <see cref="Save"/> (registering MlNetNeural's loaders in <paramref name="ml"/>).</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="path">The model file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a model zip, has no column decisions (it was saved by <c>ml.Model.Save</c>, not by <see cref="Save"/>),
    /// its decisions are longer than <see cref="MaxSchemaBytes"/> or unreadable, or they contradict the pipeline (a column it reads is not
    /// declared or has another type; the task, or the number or order of the classes, differs from its outputs); the message starts with the file's path.</exception>
    public static TabularModel Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            string hint = Directory.Exists(full) ? " It is a folder: give the model.zip inside it." : "";
            throw new FileNotFoundException($"The model file {full} does not exist.{hint} Check the path (train writes OUT/model.zip).", full);
        }
        var decisions = ReadDecisions(full);
        ml.RegisterMlNetNeural();
        ITransformer pipeline;
        DataViewSchema inputSchema;
        try
        {
            pipeline = ml.Model.Load(full, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{full}: the model cannot be loaded: {e.GetBaseException().Message}", e);
        }
        ModelDecisionsCheck.Check(full, pipeline, inputSchema, decisions);
        return new TabularModel(pipeline, inputSchema, decisions);
    }

    private static TabularSchema ReadDecisions(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry(SchemaEntryName)
                ?? throw new InvalidDataException($"{path} has no column decisions ({SchemaEntryName}): it was not saved by TabularModel.Save (mlnn train writes such files). Load it with ml.Model.Load instead.");
            return TabularSchema.FromJson(ReadText(entry, path), path);
        }
        catch (InvalidDataException e) when (e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not a model file (not a readable zip: {e.Message}).", e);
        }
    }

    // The entry's text: refused when its declared length is above MaxSchemaBytes, and never read past that length,
    // whatever its compressed data would expand to.
    private static string ReadText(ZipArchiveEntry entry, string path)
    {
        if (entry.Length > MaxSchemaBytes) throw SchemaTooLarge(path, entry.Length);
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(bytes, 0, read);
    }

    private static InvalidDataException SchemaTooLarge(string path, long length) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{path}: the column decisions ({SchemaEntryName}) take {length:N0} bytes, more than the {MaxSchemaBytes:N0} bytes a model's decisions may take " +
            $"(those of a 3,000-column table take about 0.8 MB): the file is damaged or was made to exhaust memory. Restore it from a backup, or train the model again."));
}
