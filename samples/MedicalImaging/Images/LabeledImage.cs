namespace MedicalImaging.Images;

/// <summary>One image file and its class (the name of the sub-folder it sits in).</summary>
/// <param name="ImagePath">Full path of the image file.</param>
/// <param name="Label">Class name.</param>
public sealed record LabeledImage(string ImagePath, string Label);
