using Microsoft.ML;
using Microsoft.ML.Data;

namespace CreditScoring;

/// <summary>The Statlog German Credit file: its attributes and how to load it with ML.NET's TextLoader.</summary>
public static class CreditData
{
    /// <summary>The data file shipped with the sample (see Data/README.md for provenance and licence).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "german_credit_statlog.csv");

    /// <summary>The 13 categorical attributes (one-hot encoded).</summary>
    public static IReadOnlyList<string> Categorical { get; } =
    [
        "checking_status", "credit_history", "purpose", "savings_status", "employment", "personal_status", "other_parties",
        "property_magnitude", "other_payment_plans", "housing", "job", "own_telephone", "foreign_worker",
    ];

    /// <summary>The 7 numeric attributes (normalised).</summary>
    public static IReadOnlyList<string> Numeric { get; } =
        ["duration", "credit_amount", "installment_commitment", "residence_since", "age", "existing_credits", "num_dependents"];

    /// <summary>Every attribute in file order.</summary>
    public static IReadOnlyList<string> Attributes { get; } =
    [
        "checking_status", "duration", "credit_history", "purpose", "credit_amount", "savings_status", "employment",
        "installment_commitment", "personal_status", "other_parties", "residence_since", "property_magnitude", "age",
        "other_payment_plans", "housing", "existing_credits", "job", "num_dependents", "own_telephone", "foreign_worker",
    ];

    private const string LabelColumn = "credit_risk";

    /// <summary>
    /// Loads the file with TextLoader (text columns as String, numeric ones as Single), maps
    /// credit_risk "bad"/"good" to a Boolean Label (true = bad) and returns the rows in file order.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not the expected one, or a label is neither "good" nor "bad".</exception>
    public static IReadOnlyList<LabeledApplication> Load(MLContext ml, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The German credit data file '{path}' does not exist. Copy german_credit_statlog.csv there (see samples/CreditScoring/Data/README.md).", path);
        var expectedHeader = string.Join(",", [.. Attributes, LabelColumn]);
        var header = File.ReadLines(path).FirstOrDefault();
        if (header != expectedHeader)
            throw new InvalidDataException($"'{path}' does not start with the Statlog header. Expected: {expectedHeader}. Found: {header ?? "(empty file)"}.");

        var columns = Attributes
            .Select((name, index) => new TextLoader.Column(name, Numeric.Contains(name) ? DataKind.Single : DataKind.String, index))
            .Append(new TextLoader.Column(LabelColumn, DataKind.String, Attributes.Count))
            .ToArray();
        var loaded = ml.Data.LoadFromTextFile(path, columns, separatorChar: ',', hasHeader: true);

        var labels = loaded.GetColumn<ReadOnlyMemory<char>>(LabelColumn).Select(value => value.ToString()).ToArray();
        var invalid = Array.FindIndex(labels, label => label is not ("good" or "bad"));
        if (invalid >= 0)
            throw new InvalidDataException($"Row {invalid + 1} of '{path}' has credit_risk '{labels[invalid]}'; expected 'good' or 'bad'.");

        var toLabel = ml.Transforms.Conversion.MapValue("Label", [new KeyValuePair<string, bool>("bad", true), new KeyValuePair<string, bool>("good", false)], LabelColumn);
        return ml.Data.CreateEnumerable<LabeledApplication>(toLabel.Fit(loaded).Transform(loaded), reuseRowObject: false).ToList();
    }
}
