namespace StaticNets.Runtime.Tests.Training;

// A generated network small enough to train in milliseconds on 2-D points with three classes.
[Network("FC(16)+RELU+FC(3)+SOFTMAX", Input = "2")]
internal partial class BlobNet
{
}
