"""What bin/burnrate's commands on a deployed stack share: a session in the region asked for, the stack's outputs,
and AWS's refusals in one line."""
import contextlib
import sys


class CliError(Exception):
    """A refusal for the operator, printed as `<command>: <message>`."""


def session(prog, region):
    """A boto3 session in `region` (or the AWS configuration's), or an exit that says what is missing."""
    try:
        import boto3
    except ImportError:
        sys.exit(f"{prog}: boto3 is required (python3 -m pip install boto3)")
    result = boto3.session.Session(region_name=region)
    if not result.region_name:
        sys.exit(f"{prog}: no AWS region: pass --region or set AWS_REGION")
    return result


def stack_outputs(aws, stack, endpoint):
    """The outputs of CloudFormation stack `stack`, by key."""
    try:
        stacks = aws.client("cloudformation", endpoint_url=endpoint).describe_stacks(StackName=stack)["Stacks"]
    except Exception as e:  # botocore's ClientError: the stack is not there or not readable
        if not hasattr(e, "response"):
            raise
        raise CliError(f"stack {stack}: {e.response.get('Error', {}).get('Message', e)}")
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}


@contextlib.contextmanager
def refusals(prog):
    """Ends the command with one line for a CliError, missing credentials or a refusal by AWS."""
    try:
        yield
    except CliError as e:
        sys.exit(f"{prog}: {e}")
    except Exception as e:
        name = type(e).__name__
        if name in ("NoCredentialsError", "PartialCredentialsError"):
            sys.exit(f"{prog}: no AWS credentials (set AWS_PROFILE or run aws configure)")
        if name == "ClientError":
            sys.exit(f"{prog}: AWS refused: {e.response['Error'].get('Message', e)}")
        raise
