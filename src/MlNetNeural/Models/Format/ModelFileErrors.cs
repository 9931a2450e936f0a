namespace MlNetNeural.Models.Format;

/// <summary>The exceptions for model files that cannot be loaded, with what is wrong and what to do, in one place.</summary>
internal static class ModelFileErrors
{
    /// <summary>The file's MlNetNeural model is damaged or not what it claims to be.</summary>
    public static InvalidDataException Corrupt(string detail) =>
        new($"The MlNetNeural model in this file is corrupt: {detail}. Restore the file from a backup, or train and save the model again.");

    /// <summary>The payload ends before <paramref name="what"/>.</summary>
    public static InvalidDataException Truncated(string what) => Corrupt($"it ends while reading the {what} (the file is truncated or damaged)");

    /// <summary>The file was written by a newer MlNetNeural that stored something this version cannot read.</summary>
    public static InvalidDataException Newer(string detail) =>
        new($"This model was saved by a newer MlNetNeural: {detail}. Upgrade MlNetNeural to load it.");
}
