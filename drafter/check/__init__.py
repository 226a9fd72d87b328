"""drafter/check"""
